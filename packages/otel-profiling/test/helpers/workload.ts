import { readFile } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { trace } from '@opentelemetry/api';

export type Burner = (ms: number) => number;

/**
 * A CPU-burning function with its own name. Each one is compiled from its own
 * source text, so V8 (and so the pprof function table) knows it by that name.
 */
export function namedBurner(name: string): Burner {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  const source = `return function ${name}(ms) {
    const end = Date.now() + ms;
    let x = 0;
    while (Date.now() < end) {
      for (let i = 0; i < 2000; i++) x += Math.sqrt(i + (x % 7));
    }
    return x;
  }`;
  return new Function(source)() as Burner;
}

/** The kinds of async hop a request's work continues after. */
const hops: Array<(burn: Burner, ms: number) => Promise<void>> = [
  async () => {
    await Promise.resolve();
  },
  async () => {
    await sleep(1);
  },
  (burn, ms) => new Promise((resolve) => setImmediate(() => (burn(ms), resolve()))),
  () => new Promise((resolve) => process.nextTick(resolve)),
  (burn, ms) =>
    new Promise((resolve, reject) =>
      readFile(__filename, (error) => (error ? reject(error) : (burn(ms), resolve()))),
    ),
  async () => {
    await stat(__filename);
  },
  (burn, ms) => new Promise((resolve) => setTimeout(() => (burn(ms), resolve()), 0)),
];

export interface SimulatedRequest {
  name: string;
  spanId: string;
}

/**
 * One simulated request: a root span whose work burns CPU in `burn` between
 * async hops of every kind, part of it inside a child span.
 */
export function simulateRequest(
  name: string,
  burn: Burner,
  options: { rounds: number; burnMs: number },
): Promise<SimulatedRequest> {
  const tracer = trace.getTracer('attribution-test');
  return tracer.startActiveSpan(name, { root: true }, async (root) => {
    for (let round = 0; round < options.rounds; round++) {
      burn(options.burnMs);
      const hop = hops[round % hops.length] as (typeof hops)[number];
      if (round % 3 === 2) {
        await tracer.startActiveSpan(`${name}-child`, async (child) => {
          await hop(burn, options.burnMs);
          burn(options.burnMs);
          child.end();
        });
      } else {
        await hop(burn, options.burnMs);
      }
    }
    root.end();
    return { name, spanId: root.spanContext().spanId };
  });
}
