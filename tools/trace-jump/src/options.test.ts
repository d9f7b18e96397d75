import { describe, expect, it } from 'vitest';
import { ExitCode, JumpError } from './exit-codes';
import { parseCommand, type Options } from './options';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function options(argv: string[], env: NodeJS.ProcessEnv = {}): Options {
  const command = parseCommand(argv, env);
  if (command.kind !== 'run') throw new Error('expected a run command');
  return command.options;
}

function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): JumpError {
  try {
    parseCommand(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(JumpError);
    expect((error as JumpError).exitCode).toBe(ExitCode.usage);
    return error as JumpError;
  }
  throw new Error('expected a usage error');
}

describe('parseCommand', () => {
  it('uses the documented defaults', () => {
    expect(options([])).toEqual({
      traceId: undefined,
      tempoUrl: 'http://127.0.0.1:3200',
      pyroscopeUrl: 'http://127.0.0.1:4040',
      grafanaUrl: 'http://127.0.0.1:3000',
      gatewayUrl: 'http://127.0.0.1:8080',
      top: 5,
      timeoutMs: 60_000,
      intervalMs: 2_000,
      json: false,
    });
  });

  it('reads URLs from the environment, PYROSCOPE_URL before PYROSCOPE_SERVER_ADDRESS', () => {
    const parsed = options([], {
      TEMPO_URL: 'http://tempo:3200/',
      PYROSCOPE_URL: 'http://pyro:4040',
      PYROSCOPE_SERVER_ADDRESS: 'http://ignored:4040',
      GRAFANA_URL: 'https://grafana.example/sub',
      GATEWAY_URL: 'http://gw:8080',
    });
    expect(parsed).toMatchObject({
      tempoUrl: 'http://tempo:3200',
      pyroscopeUrl: 'http://pyro:4040',
      grafanaUrl: 'https://grafana.example/sub',
      gatewayUrl: 'http://gw:8080',
    });
    expect(options([], { PYROSCOPE_SERVER_ADDRESS: 'http://agent:4040' }).pyroscopeUrl).toBe(
      'http://agent:4040',
    );
  });

  it('lets flags win over the environment and parses the rest', () => {
    const parsed = options(
      [
        '4BF92F3577B34DA6A3CE929D0E0E4736',
        '--tempo',
        'http://t:1',
        '--pyroscope=http://p:2',
        '--top',
        '3',
        '--timeout',
        '1.5',
        '--interval',
        '0.25',
        '--json',
      ],
      { TEMPO_URL: 'http://env:9' },
    );
    expect(parsed).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      tempoUrl: 'http://t:1',
      pyroscopeUrl: 'http://p:2',
      top: 3,
      timeoutMs: 1500,
      intervalMs: 250,
      json: true,
    });
  });

  it('ignores the leading "--" that pnpm passes through to scripts', () => {
    expect(options(['--', TRACE, '--json'])).toMatchObject({ traceId: TRACE, json: true });
  });

  it('returns help for -h and --help', () => {
    expect(parseCommand(['-h'], {})).toEqual({ kind: 'help' });
    expect(parseCommand(['abc', '--help'], {})).toEqual({ kind: 'help' });
  });

  it('rejects a malformed trace id with exit code 2', () => {
    expect(usageError(['not-a-trace']).message).toMatch(/malformed trace id "not-a-trace"/);
  });

  it('rejects bad option values, naming the option', () => {
    expect(usageError(['--top', '0']).message).toMatch(/--top: must be at least 1/);
    expect(usageError(['--top', '2.5']).message).toMatch(/--top: must be a whole number/);
    expect(usageError(['--timeout', 'soon']).message).toMatch(/--timeout/);
    expect(usageError(['--tempo', 'ftp://x']).message).toMatch(/--tempo: must be an http\(s\) URL/);
    expect(usageError([], { GATEWAY_URL: 'not a url' }).message).toMatch(/--gateway/);
  });

  it('rejects unknown options and extra arguments', () => {
    expect(usageError(['--nope']).message).toMatch(/--nope/);
    expect(usageError(['a'.repeat(32), 'b'.repeat(32)]).message).toMatch(/at most one trace id/);
    expect(usageError(['--top']).message).toMatch(/--top/);
  });
});
