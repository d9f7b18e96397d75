import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const MINIMUM_MAJOR = 17;

let found: Promise<string> | undefined;

async function check(): Promise<string> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let banner: string;
  try {
    // `java -version` prints to stderr.
    const { stderr, stdout } = await execFileAsync(java, ['-version'], { timeout: 30_000 });
    banner = stderr || stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `Java ${MINIMUM_MAJOR}+ is needed to run Kafka, but \`${java}\` was not found: ` +
          'install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME',
        { cause: error },
      );
    }
    throw error;
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  // Java 8 and older report "1.8.0_x".
  const major = version ? (version[1] === '1' ? Number(version[2]) : Number(version[1])) : NaN;
  if (!(major >= MINIMUM_MAJOR)) {
    throw new Error(
      `Kafka needs Java ${MINIMUM_MAJOR}+, but \`${java} -version\` says: ${banner.split('\n')[0]}`,
    );
  }
  return java;
}

/** The java executable ($JAVA_HOME/bin/java or java on PATH), checked to be Java 17+. */
export function findJava(): Promise<string> {
  found ??= check().catch((error: unknown) => {
    found = undefined;
    throw error;
  });
  return found;
}
