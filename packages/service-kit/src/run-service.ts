import { ConfigError } from './config';
import type { Service } from './define-service';

/**
 * A service's `main.ts`: validates the environment, starts the service (which handles SIGTERM and
 * SIGINT itself), and when either fails writes one line — the bad variables, or the stack — and
 * exits 1.
 */
export function runService<Config>(service: Service<Config>): void {
  Promise.resolve()
    .then(() => service.start(service.loadConfig()))
    .catch((error: unknown) => {
      const detail =
        error instanceof ConfigError
          ? error.message
          : error instanceof Error
            ? error.stack
            : String(error);
      process.stderr.write(`${service.name} failed to start: ${detail}\n`);
      process.exit(1);
    });
}
