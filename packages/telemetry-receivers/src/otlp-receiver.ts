import { postRoutes, startHttpReceiver, type RequestHandler } from './http-receiver';
import { decodeOtlpTraces, type CapturedSpan } from './otlp-traces';

export const OTLP_TRACES_PATH = '/v1/traces';

/** What an OTLP trace receiver has been sent so far. */
export interface OtlpCapture {
  spans: CapturedSpan[];
  /** The content type of each trace export request, in arrival order. */
  otlpContentTypes: string[];
}

export interface OtlpReceiver extends OtlpCapture {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  close(): Promise<void>;
}

/** Handles `POST /v1/traces` (`http/json` or `http/protobuf`), appending what it decodes to `capture`. */
export function otlpTracesHandler(capture: OtlpCapture): RequestHandler {
  return ({ headers, body }) => {
    const contentType = headers['content-type'] ?? '';
    capture.otlpContentTypes.push(contentType);
    capture.spans.push(...decodeOtlpTraces(body, contentType));
    // An empty ExportTraceServiceResponse: full success, in the request's encoding.
    return contentType.includes('json')
      ? { contentType: 'application/json', body: '{}' }
      : { contentType: 'application/x-protobuf', body: new Uint8Array() };
  };
}

/** An in-process OTLP/HTTP trace receiver on a free loopback port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const capture: OtlpCapture = { spans: [], otlpContentTypes: [] };
  const receiver = await startHttpReceiver(
    postRoutes({ [OTLP_TRACES_PATH]: otlpTracesHandler(capture) }),
  );
  return { ...receiver, ...capture };
}
