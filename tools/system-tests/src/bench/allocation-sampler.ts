/**
 * Preloaded into each service by bench:allocations (`--require`): V8's sampling heap profiler,
 * counting objects that die young as well as those that live, from start-up on. On SIGUSR2 it
 * writes the bytes allocated so far per package to `<ALLOCATION_SAMPLES_DIR>/<pid>-<n>.json`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { bytesByPackage, type HeapProfileNode } from './allocation-by-package';

/** One sample per 16 KiB allocated on average. */
const SAMPLING_INTERVAL_BYTES = 16 * 1024;

const outDir = process.env.ALLOCATION_SAMPLES_DIR;
if (outDir === undefined) throw new Error('allocation-sampler: ALLOCATION_SAMPLES_DIR is not set');

const session = new Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: SAMPLING_INTERVAL_BYTES,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});

let written = 0;
process.on('SIGUSR2', () => {
  session.post('HeapProfiler.getSamplingProfile', (error, result) => {
    if (error) throw error;
    const byPackage = bytesByPackage(result.profile.head as HeapProfileNode);
    const file = join(outDir, `${process.pid}-${++written}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(byPackage)));
    renameSync(`${file}.tmp`, file);
  });
});
