import { JumpError } from '../exit-codes';
import { backends, endpoint, readJson, request, statusError, type Backend } from '../http';
import { parseTraceDocument, TraceDocumentError, type TraceSpan } from './trace-document';

export class TempoClient {
  private readonly backend: Backend;

  constructor(baseUrl: string) {
    this.backend = backends.tempo(baseUrl);
  }

  /** Throws the backend's JumpError unless Tempo answers its echo endpoint. */
  async assertReachable(): Promise<void> {
    const url = endpoint(this.backend.baseUrl, '/api/echo');
    const response = await request(this.backend, url);
    if (!response.ok) throw await statusError(this.backend, response);
    await response.body?.cancel();
  }

  /** The trace's spans, or null while Tempo does not know the trace (404 or no spans yet). */
  async fetchTrace(traceId: string): Promise<TraceSpan[] | null> {
    const url = endpoint(this.backend.baseUrl, `/api/traces/${traceId}`);
    const response = await request(this.backend, url, { headers: { accept: 'application/json' } });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw await statusError(this.backend, response);
    const document = await readJson(this.backend, response);
    try {
      const spans = parseTraceDocument(document);
      return spans.length > 0 ? spans : null;
    } catch (error) {
      if (error instanceof TraceDocumentError) {
        throw new JumpError(this.backend.exitCode, `Tempo returned an ${error.message}`);
      }
      throw error;
    }
  }
}
