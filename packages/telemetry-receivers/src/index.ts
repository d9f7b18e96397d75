export { postRoutes, startHttpReceiver } from './http-receiver';
export type { HttpReceiver, ReceivedRequest, Reply, RequestHandler } from './http-receiver';
export { decodeOtlpTraces, hexId, isLocalRoot } from './otlp-traces';
export type { AttributeValue, CapturedSpan } from './otlp-traces';
export { OTLP_TRACES_PATH, otlpTracesHandler, startOtlpReceiver } from './otlp-receiver';
export type { OtlpCapture, OtlpReceiver } from './otlp-receiver';
export { decodePushSeries } from './pyroscope-push';
export type { CapturedProfile, CapturedPush } from './pyroscope-push';
export {
  PYROSCOPE_PUSH_PATH,
  pyroscopePushHandler,
  startPyroscopeReceiver,
} from './pyroscope-receiver';
export type { PyroscopeCapture, PyroscopeReceiver } from './pyroscope-receiver';
export { startTelemetryReceiver } from './telemetry-receiver';
export type { TelemetryReceiver } from './telemetry-receiver';
export { cpuSamples, profileTypeIds, resolveSamples, stringAt } from './pprof-samples';
export type { CpuSample, ResolvedSample } from './pprof-samples';
