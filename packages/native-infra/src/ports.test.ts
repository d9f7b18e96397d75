import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ephemeralPortRange, findFreePort } from './ports';

describe('findFreePort', () => {
  it('picks a free port below the range outgoing connections take their ports from, never twice', async () => {
    const [ephemeralLow] = ephemeralPortRange();
    const picked = await Promise.all(Array.from({ length: 50 }, () => findFreePort()));
    expect(new Set(picked).size).toBe(50);
    for (let i = 0; i < 20; i++) {
      const port = await findFreePort();
      expect(port).toBeLessThan(ephemeralLow);
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('ephemeralPortRange', () => {
  it("reads the kernel's range, and falls back to the IANA one", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ports-')), 'range');
    fs.writeFileSync(file, '32768\t60999\n');
    expect(ephemeralPortRange(file)).toEqual([32768, 60999]);
    expect(ephemeralPortRange(path.join(file, 'missing'))).toEqual([49152, 65535]);
  });
});
