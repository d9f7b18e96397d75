/** What the tests read from a JSON response: an error body or a driver. */
export interface JsonBody {
  statusCode?: number;
  message?: string;
  issues?: Array<{ path: string; message: string }>;
  location?: { lat: number; lon: number };
  rideId?: string | null;
  [field: string]: unknown;
}

export async function requestJson(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody | undefined }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as JsonBody) : undefined };
}
