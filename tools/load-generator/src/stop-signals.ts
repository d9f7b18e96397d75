/**
 * Ctrl-C handling for command-line programs run through pnpm: the terminal sends SIGINT to the
 * whole foreground process group, and pnpm forwards one more SIGINT to the script it runs, so a
 * single Ctrl-C often arrives twice within milliseconds. Signals closer together than
 * `SAME_PRESS_MS` count as one press; a later one is a second press.
 */
const SAME_PRESS_MS = 1_000;

export interface StopSignalHandlers {
  /** The first Ctrl-C or SIGTERM: stop gracefully. */
  first(signal: NodeJS.Signals): void;
  /** Another one, later: leave at once. */
  again(signal: NodeJS.Signals): void;
}

/** Listens for SIGINT and SIGTERM; returns a function that stops listening. */
export function onStopSignals(handlers: StopSignalHandlers): () => void {
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstAt === undefined) {
      firstAt = now;
      handlers.first(signal);
    } else if (now - firstAt >= SAME_PRESS_MS) {
      handlers.again(signal);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
