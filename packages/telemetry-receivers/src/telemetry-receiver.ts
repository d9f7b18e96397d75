import { postRoutes, startHttpReceiver } from './http-receiver';
import { OTLP_TRACES_PATH, otlpTracesHandler, type OtlpCapture } from './otlp-receiver';
import {
  PYROSCOPE_PUSH_PATH,
  pyroscopePushHandler,
  type PyroscopeCapture,
} from './pyroscope-receiver';

export interface TelemetryReceiver extends OtlpCapture, PyroscopeCapture {
  /** Base URL for both OTEL_EXPORTER_OTLP_ENDPOINT and PYROSCOPE_SERVER_ADDRESS. */
  url: string;
  close(): Promise<void>;
}

/** The OTLP trace receiver and the Pyroscope push receiver on one loopback port. */
export async function startTelemetryReceiver(): Promise<TelemetryReceiver> {
  const capture: OtlpCapture & PyroscopeCapture = {
    spans: [],
    otlpContentTypes: [],
    profiles: [],
    pushes: [],
  };
  const receiver = await startHttpReceiver(
    postRoutes({
      [OTLP_TRACES_PATH]: otlpTracesHandler(capture),
      [PYROSCOPE_PUSH_PATH]: pyroscopePushHandler(capture),
    }),
  );
  return { ...receiver, ...capture };
}
