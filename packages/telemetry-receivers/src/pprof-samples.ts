import type { Profile } from 'pprof-format';
import type { CapturedProfile } from './pyroscope-push';

/** The string-table entry at `index` ('' when out of range). */
export function stringAt(profile: Profile, index: number | bigint): string {
  return profile.stringTable.strings[Number(index)] ?? '';
}

/** One pprof sample, resolved: stack of function names (leaf first) and their files, string labels, values. */
export interface ResolvedSample {
  functions: string[];
  /** The file of each function in `functions` ('' when unknown). */
  files: string[];
  labels: Record<string, string>;
  /** Keys of the labels carrying a number instead of a string. */
  numericLabelKeys: string[];
  values: number[];
}

export function resolveSamples(profile: Profile): ResolvedSample[] {
  const functionsById = new Map(
    profile.function.map((fn) => [
      Number(fn.id),
      { name: stringAt(profile, fn.name), file: stringAt(profile, fn.filename) },
    ]),
  );
  const locationFunctions = new Map(
    profile.location.map((location) => [
      Number(location.id),
      location.line.map(
        (line) => functionsById.get(Number(line.functionId)) ?? { name: '', file: '' },
      ),
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
    const frames = sample.locationId.flatMap((id) => locationFunctions.get(Number(id)) ?? []);
    return {
      functions: frames.map((frame) => frame.name),
      files: frames.map((frame) => frame.file),
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
  /** The series' `service_instance_id` tag, when the pusher sets one. */
  instanceId: string | undefined;
  spanId: string | undefined;
  spanName: string | undefined;
  /** Function names, leaf first. */
  stack: string[];
  /** The file of each function in `stack` ('' when unknown). */
  files: string[];
  cpuNanos: number;
}

/** Flattens pushed profiles into CPU samples (sample type `cpu`). */
export function cpuSamples(captured: CapturedProfile[]): CpuSample[] {
  return captured.flatMap(({ labels, profile }) => {
    const cpuIndex = profile.sampleType.findIndex((type) => stringAt(profile, type.type) === 'cpu');
    if (cpuIndex < 0) return [];
    return resolveSamples(profile).map((sample) => ({
      serviceName: labels.service_name ?? '',
      instanceId: labels.service_instance_id,
      spanId: sample.labels.span_id || undefined,
      spanName: sample.labels.span_name || undefined,
      stack: sample.functions,
      files: sample.files,
      cpuNanos: sample.values[cpuIndex] ?? 0,
    }));
  });
}
