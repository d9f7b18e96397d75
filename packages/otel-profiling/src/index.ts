export { startTelemetry, type Telemetry } from './telemetry';
export type { TelemetryOptions } from './config';
export type { LabelScope } from './span-labels';
export { isLocalRoot } from './local-root';
export {
  PROFILE_TYPE_ID,
  PROFILE_ID_ATTRIBUTE,
  SPAN_ID_LABEL,
  SPAN_NAME_LABEL,
  TRACE_ID_LABEL,
} from './constants';
