// pnpm bench:span-cost: the CPU one span costs the process that makes it, from creation to
// export, per export setting. Each variant is a child process making the same spans
// (bench/span-workload.cjs); CPU per span is its CPU minus that of the same work with the SDK
// disabled, over the spans made. Variants alternate over BENCH_ROUNDS (3); medians are printed.
//   SPAN_REQUESTS (20000 requests of 5 spans)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const variants = [
  { title: 'SDK disabled (the work alone)', env: { OTEL_SDK_DISABLED: 'true' } },
  { title: 'default: protobuf, batches of 512', env: {} },
  { title: 'JSON encoding', env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } },
  { title: 'batches of 128', env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '128' } },
  { title: 'batches of 2048', env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2048' } },
  { title: 'few attributes (2–3 per span instead of 7–17)', env: { SPAN_ATTRIBUTES: 'few' } },
];

let receivedBytes = 0;
const sink = createServer((request, response) => {
  request.on('data', (chunk) => (receivedBytes += chunk.length));
  request.on('end', () =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

async function run(variant) {
  receivedBytes = 0;
  const child = spawn(process.execPath, [join(here, 'span-workload.cjs')], {
    env: {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_BSP_SCHEDULE_DELAY: '5000',
      // Large enough that no span is dropped however the export keeps up.
      OTEL_BSP_MAX_QUEUE_SIZE: '200000',
      LOG_LEVEL: 'warn',
      ...variant.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await once(child, 'exit');
  return { ...JSON.parse(out), bytes: receivedBytes };
}

const results = new Map(variants.map((variant) => [variant.title, []]));
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) {
    const result = await run(variant);
    results.get(variant.title).push(result);
    console.error(`round ${round + 1} ${variant.title}: ${JSON.stringify(result)}`);
  }
}
sink.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const baseline = median(results.get(variants[0].title).map((r) => r.cpuMs));
console.log('| variant | CPU µs per span (median) | min–max | bytes per span |');
console.log('|---|---:|---:|---:|');
for (const variant of variants.slice(1)) {
  const runs = results.get(variant.title);
  const perSpan = runs.map((r) => ((r.cpuMs - baseline) * 1000) / r.spans);
  console.log(
    `| ${variant.title} | ${median(perSpan).toFixed(1)} | ${Math.min(...perSpan).toFixed(1)}–${Math.max(...perSpan).toFixed(1)} | ${Math.round(median(runs.map((r) => r.bytes / r.spans)))} |`,
  );
}
console.log(
  `\nThe work alone: ${baseline.toFixed(0)} ms of CPU for ${results.get(variants[0].title)[0].spans} spans' worth of requests.`,
);
