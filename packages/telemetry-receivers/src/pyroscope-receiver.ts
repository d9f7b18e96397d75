import { postRoutes, startHttpReceiver, type RequestHandler } from './http-receiver';
import { decodePushSeries, type CapturedProfile, type CapturedPush } from './pyroscope-push';

export const PYROSCOPE_PUSH_PATH = '/push.v1.PusherService/Push';

/** What a Pyroscope receiver has been sent so far. */
export interface PyroscopeCapture {
  /** Every profile of every push, in arrival order. */
  profiles: CapturedProfile[];
  pushes: CapturedPush[];
}

export interface PyroscopeReceiver extends PyroscopeCapture {
  /** Base URL for PYROSCOPE_SERVER_ADDRESS. */
  url: string;
  close(): Promise<void>;
}

/** Handles Pyroscope's push API (Connect, JSON), appending what it decodes to `capture`. */
export function pyroscopePushHandler(capture: PyroscopeCapture): RequestHandler {
  return ({ path, headers, body }) => {
    const series = decodePushSeries(body);
    capture.pushes.push({ path, headers, series });
    capture.profiles.push(...series.flatMap((one) => one.profiles));
    return { contentType: 'application/json', body: '{}' };
  };
}

/** An in-process Pyroscope push-API receiver on a free loopback port. */
export async function startPyroscopeReceiver(): Promise<PyroscopeReceiver> {
  const capture: PyroscopeCapture = { profiles: [], pushes: [] };
  const receiver = await startHttpReceiver(
    postRoutes({ [PYROSCOPE_PUSH_PATH]: pyroscopePushHandler(capture) }),
  );
  return { ...receiver, ...capture };
}
