import { seededRandom } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops nodes in priority order, growing past its initial capacity', () => {
    const random = seededRandom(42);
    const heap = new MinHeap();
    const priorities = Array.from({ length: 1000 }, () => random());
    priorities.forEach((priority, node) => heap.push(node, priority));
    const popped: number[] = [];
    while (heap.size > 0) popped.push(priorities[heap.pop()]!);
    expect(popped).toEqual([...priorities].sort((a, b) => a - b));
    expect(heap.pop()).toBe(-1);
  });
});
