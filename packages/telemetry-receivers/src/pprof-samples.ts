import type { Profile } from 'pprof-format';
import type { CapturedProfile } from './pyroscope-push';

/** The string-table entry at `index` ('' when out of range). */
export function stringAt(profile: Profile, index: number | bigint): string {
  return profile.stringTable.strings[Number(index)] ?? '';
}

/** One pprof sample, resolved: stack of function names (leaf first), string labels, values. */
export interface ResolvedSample {
  functions: string[];
  labels: Record<string, string>;
  /** Keys of the labels carrying a number instead of a string. */
  numericLabelKeys: string[];
  values: number[];
}

export function resolveSamples(profile: Profile): ResolvedSample[] {
  const functionNames = new Map(
    profile.function.map((fn) => [Number(fn.id), stringAt(profile, fn.name)]),
  );
  const locationFunctions = new Map(
    profile.location.map((location) => [
      Number(location.id),
      location.line.map((line) => functionNames.get(Number(line.functionId)) ?? ''),
    ]),
  );
  return profile.sample.map((sample) => {
    const labels: Record<string, string> = {};
    const numericLabelKeys: string[] = [];
    for (const label of sample.label) {
      const key = stringAt(profile, label.key);
      if (Number(label.str) > 0) labels[key] = stringAt(profile, label.str);
      else numericLabelKeys.push(key);
    }
    return {
      functions: sample.locationId.flatMap((id) => locationFunctions.get(Number(id)) ?? []),
      labels,
      numericLabelKeys,
      values: sample.value.map(Number),
    };
  });
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

/** One CPU sample, resolved: who pushed it, its span labels, its stack and its CPU time. */
export interface CpuSample {
  serviceName: string;
  spanId: string | undefined;
  spanName: string | undefined;
  /** Function names, leaf first. */
  stack: string[];
  cpuNanos: number;
}

/** Flattens pushed profiles into CPU samples (sample type `cpu`). */
export function cpuSamples(captured: CapturedProfile[]): CpuSample[] {
  return captured.flatMap(({ labels, profile }) => {
    const cpuIndex = profile.sampleType.findIndex((type) => stringAt(profile, type.type) === 'cpu');
    if (cpuIndex < 0) return [];
    return resolveSamples(profile).map((sample) => ({
      serviceName: labels.service_name ?? '',
      spanId: sample.labels.span_id || undefined,
      spanName: sample.labels.span_name || undefined,
      stack: sample.functions,
      cpuNanos: sample.values[cpuIndex] ?? 0,
    }));
  });
}
