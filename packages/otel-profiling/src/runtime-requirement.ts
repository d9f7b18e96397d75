/**
 * What span profiles need from the runtime: Node.js 24 or newer with AsyncContextFrame (on by
 * default from 24, off with `--no-async-context-frame`). Without it CPU samples cannot follow
 * spans, and every span's profile would be empty.
 */
export const REQUIRED_NODE_MAJOR = 24;

const FRAME_OFF_FLAG = '--no-async-context-frame';

/** Why this process cannot have span profiles, or undefined when it can. */
export function unsupportedRuntimeReason(
  version: string = process.version,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) return `this is Node.js ${version}`;
  if (execArgv.includes(FRAME_OFF_FLAG) || nodeOptions.split(/\s+/).includes(FRAME_OFF_FLAG))
    return `AsyncContextFrame is off (${FRAME_OFF_FLAG})`;
  return undefined;
}

/** Ends the process with one message saying what to do when the runtime cannot have span profiles. */
export function exitUnlessSupportedRuntime(program: string): void {
  const reason = unsupportedRuntimeReason();
  if (reason === undefined) return;
  process.stderr.write(
    `${program}: needs Node.js ${REQUIRED_NODE_MAJOR} or newer with AsyncContextFrame (${reason}), ` +
      `or CPU samples cannot follow spans. Run it through ./rideshare, which fetches Node.js ` +
      `${REQUIRED_NODE_MAJOR}, or install Node.js ${REQUIRED_NODE_MAJOR} (.nvmrc).\n`,
  );
  process.exit(1);
}
