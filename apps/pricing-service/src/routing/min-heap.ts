/** Binary min-heap of node ids keyed by priority, backed by growable typed arrays. */
export class MinHeap {
  private nodes = new Int32Array(256);
  private priorities = new Float64Array(256);
  size = 0;

  push(node: number, priority: number): void {
    if (this.size === this.nodes.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.priorities[parent]! <= priority) break;
      this.nodes[i] = this.nodes[parent]!;
      this.priorities[i] = this.priorities[parent]!;
      i = parent;
    }
    this.nodes[i] = node;
    this.priorities[i] = priority;
  }

  /** Removes and returns the node with the smallest priority; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.nodes[0]!;
    const lastNode = this.nodes[--this.size]!;
    const lastPriority = this.priorities[this.size]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child =
        right < this.size && this.priorities[right]! < this.priorities[left]! ? right : left;
      if (this.priorities[child]! >= lastPriority) break;
      this.nodes[i] = this.nodes[child]!;
      this.priorities[i] = this.priorities[child]!;
      i = child;
    }
    this.nodes[i] = lastNode;
    this.priorities[i] = lastPriority;
    return top;
  }

  private grow(): void {
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    const priorities = new Float64Array(this.priorities.length * 2);
    priorities.set(this.priorities);
    this.nodes = nodes;
    this.priorities = priorities;
  }
}
