import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from './repo-root';

const execFileAsync = promisify(execFile);
const FETCH_SCRIPT = path.join('infra', 'native', 'kafka', 'fetch-kafka.sh');

let fetched: Promise<string> | undefined;

async function fetchLibs(): Promise<string> {
  const root = findRepoRoot();
  const script = root && path.join(root, FETCH_SCRIPT);
  if (!script || !fs.existsSync(script)) {
    throw new Error(
      `cannot find ${FETCH_SCRIPT} above ${__dirname} (is this package inside the rideshare repo?)`,
    );
  }
  try {
    // Fast when cached; the first run downloads the jars with Maven (minutes on a slow link).
    const { stdout } = await execFileAsync('bash', [script], {
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const libs = stdout.trim().split('\n').pop() ?? '';
    if (!fs.existsSync(path.join(libs, '.complete')))
      throw new Error(`it printed no libs dir: ${stdout}`);
    return libs;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `fetching the Kafka jars with ${script} failed:\n${stderr?.trim() || String(error)}`,
      { cause: error },
    );
  }
}

/** The directory holding the Kafka broker's runtime jars (fetched with Maven on first use). */
export function kafkaLibsDir(): Promise<string> {
  fetched ??= fetchLibs().catch((error: unknown) => {
    fetched = undefined;
    throw error;
  });
  return fetched;
}
