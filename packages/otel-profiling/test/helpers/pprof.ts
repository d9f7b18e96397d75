import {
  resolveSamples,
  stringAt,
  type CapturedProfile,
  type ResolvedSample,
} from '@rideshare/telemetry-receivers';
import type { Profile } from 'pprof-format';

export function sampleTypes(profile: Profile): string[] {
  return profile.sampleType.map((t) => `${stringAt(profile, t.type)}/${stringAt(profile, t.unit)}`);
}

export function periodType(profile: Profile): string {
  const period = profile.periodType;
  return period === undefined
    ? ''
    : `${stringAt(profile, period.type)}/${stringAt(profile, period.unit)}`;
}

/** All samples of every profile pushed, resolved. */
export function allSamples(captured: CapturedProfile[]): ResolvedSample[] {
  return captured.flatMap(({ profile }) => resolveSamples(profile));
}
