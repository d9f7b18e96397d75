import { resolve } from 'node:path';

/** The repository root, from this package's src/ or dist/ alike. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const INFRA_DIR = resolve(REPO_ROOT, 'infra');

export function infraPath(...parts: string[]): string {
  return resolve(INFRA_DIR, ...parts);
}

export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts);
}
