import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { startHttpReceiver } from './http-receiver';

/** One profile pushed to Pyroscope's push API, decoded. */
export interface CapturedProfile {
  labels: Record<string, string>;
  profile: Profile;
}

export interface PyroscopeReceiver {
  url: string;
  profiles: CapturedProfile[];
  close(): Promise<void>;
}

interface PushRequest {
  series?: Array<{
    labels?: Array<{ name: string; value: string }>;
    samples?: Array<{ ID?: string; rawProfile: string }>;
  }>;
}

/** An in-test Pyroscope that accepts `POST /push.v1.PusherService/Push` (Connect, JSON) and decodes the pprof. */
export async function startPyroscopeReceiver(): Promise<PyroscopeReceiver> {
  const profiles: CapturedProfile[] = [];
  const receiver = await startHttpReceiver((path, body) => {
    if (path !== '/push.v1.PusherService/Push') throw new Error(`unexpected path ${path}`);
    const request = JSON.parse(body.toString('utf8')) as PushRequest;
    for (const series of request.series ?? []) {
      const labels = Object.fromEntries(
        (series.labels ?? []).map(({ name, value }) => [name, value]),
      );
      for (const sample of series.samples ?? []) {
        const raw = Buffer.from(sample.rawProfile, 'base64');
        const pprof = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
        profiles.push({ labels, profile: Profile.decode(pprof) });
      }
    }
    return {};
  });
  return { ...receiver, profiles };
}
