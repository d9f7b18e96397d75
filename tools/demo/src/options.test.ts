import { describe, expect, it } from 'vitest';
import { parseDemoOptions, UsageError } from './options';

describe('parseDemoOptions', () => {
  it('defaults to auto mode, 2 rides/s, until Ctrl-C', () => {
    expect(parseDemoOptions([])).toEqual({
      mode: 'auto',
      rate: 2,
      durationSeconds: 0,
      replicas: 1,
    });
  });

  it('reads the mode, rate, duration and replicas, ignoring the -- pnpm passes on', () => {
    expect(
      parseDemoOptions(['--', '--native', '--rate', '5', '--duration', '30', '--replicas', '3']),
    ).toEqual({
      mode: 'native',
      rate: 5,
      durationSeconds: 30,
      replicas: 3,
    });
  });

  it('returns undefined for --help', () => {
    expect(parseDemoOptions(['-h'])).toBeUndefined();
  });

  it.each([
    [['--docker', '--native'], /one of --docker and --native/],
    [['--rate', '0'], /--rate must be a positive number/],
    [['--rate', 'fast'], /--rate must be a positive number/],
    [['--duration', '1.5'], /--duration must be whole seconds/],
    [['--replicas', '0'], /--replicas must be a whole number from 1 to 6/],
    [['--replicas', '7'], /--replicas must be a whole number from 1 to 6/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseDemoOptions(argv)).toThrow(UsageError);
    expect(() => parseDemoOptions(argv)).toThrow(message);
  });
});
