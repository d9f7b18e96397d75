import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

/** One profile of a push, decoded, with the labels of its series. */
export interface CapturedProfile {
  labels: Record<string, string>;
  /** The sample's `ID` as sent, if any. */
  id: string | undefined;
  /** Whether `rawProfile` was gzipped, as Pyroscope clients send it. */
  gzipped: boolean;
  profile: Profile;
}

/** One push request as received. */
export interface CapturedPush {
  path: string;
  headers: IncomingHttpHeaders;
  series: Array<{ labels: Record<string, string>; profiles: CapturedProfile[] }>;
}

/** The Connect JSON body of `push.v1.PusherService/Push`. */
interface PushRequest {
  series?: Array<{
    labels?: Array<{ name: string; value: string }>;
    samples?: Array<{ ID?: string; rawProfile: string }>;
  }>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Decodes a push body: each sample's base64 `rawProfile`, gunzipped when gzipped, as pprof. */
export function decodePushSeries(body: Uint8Array): CapturedPush['series'] {
  const request = JSON.parse(Buffer.from(body).toString('utf8')) as PushRequest;
  return (request.series ?? []).map((series) => {
    const labels = Object.fromEntries(
      (series.labels ?? []).map(({ name, value }) => [name, value]),
    );
    const profiles = (series.samples ?? []).map((sample) => {
      const raw = Buffer.from(sample.rawProfile, 'base64');
      const gzipped = raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1];
      const profile = Profile.decode(gzipped ? gunzipSync(raw) : raw);
      return { labels, id: sample.ID, gzipped, profile };
    });
    return { labels, profiles };
  });
}
