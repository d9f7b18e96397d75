import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { infraPath } from './paths';

/** infra/.env (or another env file) as Compose reads it: KEY=VALUE lines, comments ignored. */
export function readEnvFile(path: string = infraPath('.env')): Record<string, string> {
  return parse(readFileSync(path));
}
