import { describe, expect, it } from 'vitest';
import { haproxyConfig } from './haproxy-config';

const options = {
  services: [
    { name: 'ride-service', port: 4000, instancePorts: [4001, 4002] },
    { name: 'api-gateway', port: 5000, instancePorts: [5001] },
  ],
  healthPath: '/health/ready',
  checkIntervalMs: 500,
  statsSocket: '/tmp/lb/haproxy.sock',
};

describe('haproxyConfig', () => {
  it('puts each service behind a frontend and a health-checked backend of its instances', () => {
    const config = haproxyConfig(options);
    expect(config).toContain(
      'backend ride-service-instances\n  server ride-service-1 127.0.0.1:4001 check\n  server ride-service-2 127.0.0.1:4002 check\n',
    );
    expect(config).toContain('server api-gateway-1 127.0.0.1:5001 check');
    expect(config).toContain('option httpchk GET /health/ready');
    expect(config).toContain('default-server inter 500 fall 1 rise 1');
    expect(config).toContain('stats socket /tmp/lb/haproxy.sock mode 600 level user');
  });

  it('resends requests that never reached an instance, and unanswered ones only when safe to replay', () => {
    const config = haproxyConfig(options);
    expect(config).toMatch(/^ {2}retry-on conn-failure empty-response$/m);
    expect(config).toContain(
      'frontend ride-service\n  bind 127.0.0.1:4000\n  http-request disable-l7-retry if !{ method GET HEAD OPTIONS PUT DELETE } !{ req.hdr(idempotency-key) -m found }\n',
    );
    expect(config).toMatch(/^ {2}option redispatch 1$/m);
  });

  it('refuses names HAProxy cannot take and services without instances', () => {
    expect(() =>
      haproxyConfig({ ...options, services: [{ name: 'a b', port: 1, instancePorts: [2] }] }),
    ).toThrow('not a service name: a b');
    expect(() =>
      haproxyConfig({
        ...options,
        services: [{ name: 'ride-service', port: 1, instancePorts: [] }],
      }),
    ).toThrow('ride-service: the load balancer needs at least one instance');
    expect(() => haproxyConfig({ ...options, services: [] })).toThrow('at least one service');
  });
});
