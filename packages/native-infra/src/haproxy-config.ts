/** One service behind the load balancer: its front port and its instances' ports on 127.0.0.1. */
export interface BalancedService {
  name: string;
  /** Port the load balancer listens on for this service. */
  port: number;
  /** Ports of the service's instances. */
  instancePorts: number[];
}

export interface LoadBalancerConfigOptions {
  services: BalancedService[];
  /** Path probed on every instance; an instance answering anything but 2xx gets no new requests. */
  healthPath: string;
  /** Milliseconds between probes of one instance. */
  checkIntervalMs: number;
  /** Unix socket of HAProxy's runtime API (read to know which instances it sends requests to). */
  statsSocket: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * An HAProxy configuration with one frontend and one backend per service, round-robin over the
 * instances. A request whose connection to an instance fails is sent to another instance (it
 * never reached the first one, so any method is safe to resend). A request whose connection
 * closed without an answer (an instance stopping as it accepted it) is resent only when replaying
 * it is safe: an idempotent method, or an `Idempotency-Key` header; the rest get the 502.
 * One connection per request towards the instances, so a draining instance never receives a
 * request on a connection it is closing.
 */
export function haproxyConfig(options: LoadBalancerConfigOptions): string {
  if (options.services.length === 0)
    throw new Error('the load balancer needs at least one service');
  const lines = [
    'global',
    '  maxconn 4096',
    `  stats socket ${options.statsSocket} mode 600 level user`,
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout http-keep-alive 10s',
    '  option http-server-close',
    '  retries 3',
    '  retry-on conn-failure empty-response',
    '  option redispatch 1',
    '  balance roundrobin',
    `  option httpchk GET ${options.healthPath}`,
    '  http-check expect status 200',
    `  default-server inter ${options.checkIntervalMs} fall 1 rise 1`,
  ];
  for (const service of options.services) {
    if (!NAME.test(service.name)) throw new Error(`not a service name: ${service.name}`);
    if (service.instancePorts.length === 0) {
      throw new Error(`${service.name}: the load balancer needs at least one instance`);
    }
    lines.push(
      '',
      `frontend ${service.name}`,
      `  bind 127.0.0.1:${service.port}`,
      '  http-request disable-l7-retry if !{ method GET HEAD OPTIONS PUT DELETE } !{ req.hdr(idempotency-key) -m found }',
      `  default_backend ${service.name}-instances`,
      '',
      `backend ${service.name}-instances`,
      ...service.instancePorts.map(
        (port, index) => `  server ${service.name}-${index + 1} 127.0.0.1:${port} check`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
