import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table';

describe('markdownTable', () => {
  it('pads text columns on the right and number columns on the left', () => {
    const table = markdownTable(
      ['config', 'service', 'MiB'],
      [
        ['bare', 'api-gateway', '212.2'],
        ['full telemetry', 'ride-service', '+8.6'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| config         | service      |   MiB |',
      '| -------------- | ------------ | ----: |',
      '| bare           | api-gateway  | 212.2 |',
      '| full telemetry | ride-service |  +8.6 |',
    ]);
  });

  it('takes the number of text columns', () => {
    expect(markdownTable(['name', 'KiB'], [['pg', '1.5']], 1).split('\n')[1]).toBe(
      '| ---- | --: |',
    );
  });
});
