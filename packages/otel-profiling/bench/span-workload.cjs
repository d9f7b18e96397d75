// Child of bench/span-cost.mjs: starts telemetry (or not, OTEL_SDK_DISABLED=true), then makes
// SPAN_REQUESTS "requests" of five spans each shaped like the services' own (an HTTP server
// span, three pg queries, one HTTP client call, with attributes like the instrumentations'),
// 50 requests per event-loop turn, and prints the CPU it used, shutdown (the last export) included.
const { startTelemetry } = require('../dist');
const { context, trace, SpanKind } = require('@opentelemetry/api');

const requests = Number(process.env.SPAN_REQUESTS ?? 20000);
const fewAttributes = process.env.SPAN_ATTRIBUTES === 'few';

const serverAttributes = fewAttributes
  ? { 'http.method': 'POST', 'http.route': '/v1/rides', 'http.status_code': 202 }
  : {
      'http.url': 'http://127.0.0.1:8080/v1/rides',
      'http.host': '127.0.0.1:8080',
      'net.host.name': '127.0.0.1',
      'http.method': 'POST',
      'http.scheme': 'http',
      'http.target': '/v1/rides',
      'http.user_agent': 'rideshare-load-generator',
      'http.request_content_length_uncompressed': 180,
      'http.flavor': '1.1',
      'net.transport': 'ip_tcp',
      'net.host.ip': '127.0.0.1',
      'net.host.port': 8080,
      'net.peer.ip': '127.0.0.1',
      'net.peer.port': 52114,
      'http.status_code': 202,
      'http.status_text': 'ACCEPTED',
      'http.route': '/v1/rides',
    };
const queryAttributes = (statement) =>
  fewAttributes
    ? { 'db.system': 'postgresql', 'db.statement': statement }
    : {
        'db.system': 'postgresql',
        'db.name': 'rideshare',
        'db.connection_string': 'postgresql://127.0.0.1:5432/rideshare',
        'net.peer.name': '127.0.0.1',
        'net.peer.port': 5432,
        'db.user': 'rideshare',
        'db.statement': statement,
      };
const clientAttributes = fewAttributes
  ? { 'http.method': 'POST', 'http.status_code': 200 }
  : {
      'http.url': 'http://127.0.0.1:8082/quotes',
      'http.method': 'POST',
      'http.target': '/quotes',
      'net.peer.name': '127.0.0.1',
      'net.peer.ip': '127.0.0.1',
      'net.peer.port': 8082,
      'http.host': '127.0.0.1:8082',
      'http.status_code': 200,
      'http.status_text': 'OK',
      'http.flavor': '1.1',
      'net.transport': 'ip_tcp',
    };

const telemetry = startTelemetry({ serviceName: 'span-cost' });
const tracer = trace.getTracer('span-cost');

function oneRequest(i) {
  const server = tracer.startSpan('POST /v1/rides', {
    kind: SpanKind.SERVER,
    attributes: serverAttributes,
  });
  const ctx = trace.setSpan(context.active(), server);
  context.with(ctx, () => {
    for (const statement of ['SELECT rides', 'INSERT rides', 'INSERT outbox']) {
      tracer
        .startSpan(`pg.query:${statement.split(' ')[0]} rideshare`, {
          kind: SpanKind.CLIENT,
          attributes: queryAttributes(`${statement} ($1, $2) -- ${i % 7}`),
        })
        .end();
    }
    tracer.startSpan('POST', { kind: SpanKind.CLIENT, attributes: clientAttributes }).end();
  });
  server.end();
}

async function main() {
  const start = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    oneRequest(i);
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  await telemetry.shutdown();
  const used = process.cpuUsage(start);
  process.stdout.write(
    `${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, spans: requests * 5 })}\n`,
  );
}

main();
