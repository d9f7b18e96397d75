import { describe, expect, it } from 'vitest';
import { newClusterId } from './kafka';

describe('newClusterId', () => {
  it('is 16 bytes of base64url that never starts with "-" (read as an option by the storage tool)', () => {
    const ids = Array.from({ length: 5000 }, newClusterId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
