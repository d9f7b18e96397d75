/**
 * Builds `querier.v1.FlameGraph` JSON the way Pyroscope's Connect API sends
 * it: names[0] is "total", each level holds [offset, total, self, nameIndex]
 * per node with offsets relative to the end of the previous node on the same
 * level, and every int64 is a string.
 */

export interface StackSample {
  /** Root first, leaf last. */
  stack: string[];
  selfNs: number;
}

interface Node {
  name: string;
  self: number;
  total: number;
  children: Map<string, Node>;
}

export interface FlameGraphJson {
  names: string[];
  levels: { values: string[] }[];
  total: string;
  maxSelf: string;
}

export function flameGraphJson(samples: StackSample[]): FlameGraphJson {
  const root: Node = { name: 'total', self: 0, total: 0, children: new Map() };
  for (const sample of samples) {
    root.total += sample.selfNs;
    let node = root;
    for (const frame of sample.stack) {
      let child = node.children.get(frame);
      if (!child) {
        child = { name: frame, self: 0, total: 0, children: new Map() };
        node.children.set(frame, child);
      }
      child.total += sample.selfNs;
      node = child;
    }
    node.self += sample.selfNs;
  }

  const names: string[] = [];
  const nameIndex = (name: string) => {
    const index = names.indexOf(name);
    if (index >= 0) return index;
    names.push(name);
    return names.length - 1;
  };
  const levels: { x: number; node: Node }[][] = [];
  const visit = (node: Node, depth: number, x: number) => {
    (levels[depth] ??= []).push({ x, node });
    let childX = x;
    for (const child of node.children.values()) {
      visit(child, depth + 1, childX);
      childX += child.total;
    }
  };
  visit(root, 0, 0);

  let maxSelf = 0;
  const encoded = levels.map((level) => {
    let previousEnd = 0;
    const values: string[] = [];
    for (const { x, node } of level.sort((a, b) => a.x - b.x)) {
      values.push(
        String(x - previousEnd),
        String(node.total),
        String(node.self),
        String(nameIndex(node.name)),
      );
      previousEnd = x + node.total;
      maxSelf = Math.max(maxSelf, node.self);
    }
    return { values };
  });
  return { names, levels: encoded, total: String(root.total), maxSelf: String(maxSelf) };
}
