import { describe, expect, it } from 'vitest';
import {
  dependsOn,
  environmentOf,
  healthcheckTest,
  memoryLimitBytes,
  parseMemory,
  parsePort,
} from './compose';

describe('parsePort', () => {
  it('reads host IP, published port, target and protocol of the short form', () => {
    expect(parsePort('127.0.0.1:8080:8081')).toEqual({
      hostIp: '127.0.0.1',
      published: '8080',
      target: '8081',
      protocol: 'tcp',
    });
    expect(parsePort('3000:3000/udp')).toEqual({
      hostIp: undefined,
      published: '3000',
      target: '3000',
      protocol: 'udp',
    });
    expect(parsePort(9090)).toEqual({
      hostIp: undefined,
      published: undefined,
      target: '9090',
      protocol: 'tcp',
    });
  });

  it('reads the long form', () => {
    expect(parsePort({ target: 4318, published: '4318', host_ip: '127.0.0.1' })).toEqual({
      hostIp: '127.0.0.1',
      published: '4318',
      target: '4318',
      protocol: 'tcp',
    });
  });
});

describe('memory limits', () => {
  it('parses compose byte units', () => {
    expect(parseMemory('384M')).toBe(384 * 1024 ** 2);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parseMemory('512mb')).toBe(512 * 1024 ** 2);
    expect(parseMemory(2048)).toBe(2048);
    expect(() => parseMemory('lots')).toThrow(/not a memory size/);
  });

  it('takes deploy.resources.limits.memory or mem_limit', () => {
    expect(memoryLimitBytes({ deploy: { resources: { limits: { memory: '1G' } } } })).toBe(
      1024 ** 3,
    );
    expect(memoryLimitBytes({ mem_limit: '256m' })).toBe(256 * 1024 ** 2);
    expect(memoryLimitBytes({})).toBeUndefined();
  });
});

describe('service fields', () => {
  it('normalizes environment lists and maps to strings', () => {
    expect(environmentOf({ environment: ['A=1', 'B=x=y', 'C'] })).toEqual({
      A: '1',
      B: 'x=y',
      C: '',
    });
    expect(environmentOf({ environment: { A: 1, B: true, C: null } })).toEqual({
      A: '1',
      B: 'true',
      C: '',
    });
  });

  it('gives each dependency its condition', () => {
    expect(dependsOn({ depends_on: ['db'] })).toEqual({ db: 'service_started' });
    expect(dependsOn({ depends_on: { db: { condition: 'service_healthy' } } })).toEqual({
      db: 'service_healthy',
    });
  });

  it('reads the health check test, treating a string as CMD-SHELL and disable as none', () => {
    expect(healthcheckTest({ healthcheck: { test: 'true' } })).toEqual(['CMD-SHELL', 'true']);
    expect(
      healthcheckTest({ healthcheck: { test: ['CMD', 'true'], disable: true } }),
    ).toBeUndefined();
    expect(healthcheckTest({})).toBeUndefined();
  });
});
