export { startTelemetry, type Telemetry } from './sdk/telemetry';
export type { TelemetryOptions } from './sdk/config';
export type { LabelScope } from './span-profiles/span-labels';
export {
  PROFILE_TYPE_ID,
  PROFILE_ID_ATTRIBUTE,
  SPAN_ID_LABEL,
  SPAN_NAME_LABEL,
  TRACE_ID_LABEL,
} from './constants';
