export { runLoad, type RunHooks } from './run-load';
export {
  resolveLoadOptions,
  parseCommandLine,
  OptionsError,
  type LoadOptions,
  type LoadOptionsInput,
  type CommandLine,
} from './options';
export type { Summary, Progress, EndpointCounts, ErrorKind } from './stats';
export type { LatencyStats } from './percentiles';
export { percentile, latencyStats } from './percentiles';
export { plannedRideCount, arrivalSchedule } from './schedule';
export { formatSummary, formatProgress } from './summary-format';
export { ENDPOINTS, type Endpoint } from './endpoints';
export { onStopSignals, type StopSignalHandlers } from './stop-signals';
