import type { GatewayAnswer } from '@rideshare/gateway-client';
import { z } from 'zod';
import { ExitCode, JumpError } from './exit-codes';

const rideSchema = z.object({ id: z.string().min(1), status: z.string() });
export type RideSummary = z.infer<typeof rideSchema>;

/** The ride a successful answer carries, or a one-line JumpError naming what went wrong. */
export function rideOrJumpError(
  answer: GatewayAnswer<unknown>,
  baseUrl: string,
  path: string,
): RideSummary {
  if (answer.kind !== 'response') {
    const cause =
      answer.kind === 'timeout' ? 'no answer within 15s' : (answer.code ?? answer.message);
    throw gatewayError(`unreachable at ${baseUrl} (${cause})`);
  }
  if (!answer.ok) {
    const text =
      typeof answer.body === 'string' ? answer.body : (JSON.stringify(answer.body) ?? '');
    const body = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const fullPath = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`).pathname;
    throw gatewayError(`answered ${fullPath} with HTTP ${answer.status}${body ? `: ${body}` : ''}`);
  }
  const parsed = rideSchema.safeParse(answer.body);
  if (!parsed.success) throw gatewayError('answered with a body that is not a ride');
  return parsed.data;
}

function gatewayError(what: string): JumpError {
  return new JumpError(ExitCode.gatewayFailed, `api-gateway ${what}`);
}
