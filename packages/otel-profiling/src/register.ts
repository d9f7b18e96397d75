/**
 * `node --require @rideshare/otel-profiling/register dist/main.js`
 *
 * Starts telemetry from the environment before the app loads anything, and
 * flushes spans and the last profile when the process ends:
 * - on SIGTERM/SIGINT, when the app has no handler of its own, it flushes and
 *   then re-raises the signal so the process ends the way it would have;
 * - when the app handles the signal itself (draining requests first), it lets
 *   the app do so and flushes when the app re-raises the signal (NestJS does)
 *   or when the event loop empties (`beforeExit`).
 */
import { startTelemetry } from './sdk/telemetry';

const telemetry = startTelemetry();
// Unless configured, the service is named after its package; the app's logs use the same name.
process.env.OTEL_SERVICE_NAME ??= telemetry.serviceName;

function onSignal(signal: NodeJS.Signals): void {
  const appHandlesSignal = process.listenerCount(signal) > 1;
  if (appHandlesSignal) return;
  void telemetry.shutdown().then(() => {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  });
}

process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
process.once('beforeExit', () => void telemetry.shutdown());
