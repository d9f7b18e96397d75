export { GatewayClient } from './gateway-client';
export type { CallHeaders, GatewayClientOptions } from './gateway-client';
export { isRetryableAnswer } from './gateway-answer';
export type { GatewayAnswer, GatewayFailure, GatewayResponse } from './gateway-answer';
export { parseRetryAfterMs } from './retry-after';
