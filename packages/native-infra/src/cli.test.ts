import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFreePort } from './ports';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

describe('rideshare-native-infra up', () => {
  // A bad port ends the command before anything starts, so the options are checked alone.
  it('reads its options after the `--` that `pnpm infra:native -- --pg-port N` passes', () => {
    const result = spawnSync(process.execPath, [CLI, 'up', '--', '--pg-port', 'none'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--pg-port must be a port number, got "none"');
  });

  it('stops PostgreSQL and Kafka and exits 0 on a Ctrl-C delivered twice (terminal and pnpm)', async () => {
    const [pgPort, kafkaPort] = [await findFreePort(), await findFreePort()];
    // Its own process group, like a command started in a terminal.
    const child = spawn(
      process.execPath,
      [CLI, 'up', '--pg-port', String(pgPort), '--kafka-port', String(kafkaPort)],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const up = await new Promise<boolean>((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('PostgreSQL and Kafka are up')) resolve(true);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      void exited.then(() => resolve(false));
    });
    // A start that failed ends the command by itself: say why rather than signal a gone process.
    expect(up, `the command ended before PostgreSQL and Kafka were up:\n${output}`).toBe(true);
    process.kill(-child.pid!, 'SIGINT');
    process.kill(child.pid!, 'SIGINT');

    expect(await exited, output).toBe(0);
    expect(output).toContain('SIGINT: stopping PostgreSQL and Kafka');
  });
});
