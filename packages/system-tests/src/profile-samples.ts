import type { Profile } from 'pprof-format';
import type { CapturedProfile } from './receivers/pyroscope-receiver';

/** One pprof sample, resolved: who pushed it, its span labels, its stack and its CPU time. */
export interface CpuSample {
  serviceName: string;
  spanId: string | undefined;
  spanName: string | undefined;
  /** Function names, leaf first. */
  stack: string[];
  cpuNanos: number;
}

function stringAt(profile: Profile, index: number | bigint): string {
  return profile.stringTable.strings[Number(index)] ?? '';
}

/**
 * Pyroscope's profile type id for each sample type of a pushed profile:
 * `__name__:sampleType:sampleUnit:periodType:periodUnit`.
 */
export function profileTypeIds({ labels, profile }: CapturedProfile): string[] {
  const period = profile.periodType;
  const periodPart = period
    ? `${stringAt(profile, period.type)}:${stringAt(profile, period.unit)}`
    : ':';
  return profile.sampleType.map(
    (type) =>
      `${labels.__name__}:${stringAt(profile, type.type)}:${stringAt(profile, type.unit)}:${periodPart}`,
  );
}

/** Flattens pushed profiles into CPU samples (sample type `cpu`). */
export function cpuSamples(captured: CapturedProfile[]): CpuSample[] {
  const samples: CpuSample[] = [];
  for (const { labels, profile } of captured) {
    const cpuIndex = profile.sampleType.findIndex((type) => stringAt(profile, type.type) === 'cpu');
    if (cpuIndex < 0) continue;
    const functionNames = new Map(
      profile.function.map((fn) => [Number(fn.id), stringAt(profile, fn.name)]),
    );
    const locations = new Map(
      profile.location.map((location) => [
        Number(location.id),
        location.line.map((line) => functionNames.get(Number(line.functionId)) ?? ''),
      ]),
    );
    for (const sample of profile.sample) {
      const sampleLabels = new Map(
        sample.label.map((label) => [stringAt(profile, label.key), stringAt(profile, label.str)]),
      );
      samples.push({
        serviceName: labels.service_name ?? '',
        spanId: sampleLabels.get('span_id') || undefined,
        spanName: sampleLabels.get('span_name') || undefined,
        stack: sample.locationId.flatMap((id) => locations.get(Number(id)) ?? []),
        cpuNanos: Number(sample.value[cpuIndex] ?? 0),
      });
    }
  }
  return samples;
}
