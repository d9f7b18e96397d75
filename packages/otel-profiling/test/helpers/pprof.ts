import type { Profile } from 'pprof-format';

export function stringAt(profile: Profile, index: unknown): string {
  return profile.stringTable.strings[Number(index)] ?? '';
}

export function sampleTypes(profile: Profile): string[] {
  return profile.sampleType.map((t) => `${stringAt(profile, t.type)}/${stringAt(profile, t.unit)}`);
}

export function periodType(profile: Profile): string {
  const period = profile.periodType;
  return period === undefined
    ? ''
    : `${stringAt(profile, period.type)}/${stringAt(profile, period.unit)}`;
}

/** One sample, resolved: stack of function names (leaf first), string labels, values. */
export interface ResolvedSample {
  functions: string[];
  labels: Record<string, string>;
  numericLabelKeys: string[];
  values: number[];
}

export function resolveSamples(profile: Profile): ResolvedSample[] {
  const functionNames = new Map<number, string>();
  for (const fn of profile.function) functionNames.set(Number(fn.id), stringAt(profile, fn.name));
  const locationFunctions = new Map<number, string[]>();
  for (const location of profile.location) {
    locationFunctions.set(
      Number(location.id),
      location.line.map((line) => functionNames.get(Number(line.functionId)) ?? ''),
    );
  }
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

/** All samples of every profile pushed, resolved. */
export function allSamples(profiles: Profile[]): ResolvedSample[] {
  return profiles.flatMap((profile) => resolveSamples(profile));
}
