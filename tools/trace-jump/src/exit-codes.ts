/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  tempoUnavailable: 3,
  pyroscopeUnavailable: 4,
  traceNotFound: 5,
  gatewayFailed: 6,
  noProfiles: 7,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as one line on stderr before exiting with `exitCode`. */
export class JumpError extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'JumpError';
  }
}
