import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { topologicalOrder, Value, type GraphNode } from '../src/index.js';

describe('topologicalOrder', () => {
  test.prop([fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 60 })])(
    'lists every reachable node once, each after all of its parents, root last',
    (parentPicks) => {
      // Node i may only use nodes < i, so the random picks always form a DAG.
      const nodes: GraphNode[] = [];
      for (const [i, picks] of parentPicks.entries()) {
        nodes.push({ parents: i === 0 ? [] : picks.map((p) => nodes[p % i]), visitMark: 0 });
      }
      const root = nodes[nodes.length - 1];
      const order = topologicalOrder(root);
      expect(order[order.length - 1]).toBe(root);
      expect(new Set(order).size).toBe(order.length);
      const position = new Map(order.map((n, i) => [n, i]));
      for (const node of order) {
        for (const parent of node.parents) expect(position.get(parent)).toBeLessThan(position.get(node)!);
      }
      // Reachability, computed independently by a flood fill.
      const reachable = new Set<GraphNode>();
      const todo = [root];
      while (todo.length > 0) {
        const n = todo.pop()!;
        if (reachable.has(n)) continue;
        reachable.add(n);
        todo.push(...n.parents);
      }
      expect(new Set(order)).toEqual(reachable);
    },
  );

  it('backprops a 200,000-step chain h = tanh(w·h + x) without a stack overflow', () => {
    // w = 0.5, x = 0.1: the chain settles at a fixed point h* where every step's derivative
    // is w·(1 − h*²), so dh_T/dh_0 is that number to the power T: tiny but computable.
    const steps = 200_000;
    const w = new Value(0.5);
    const h0 = new Value(0.3);
    let h = h0;
    for (let t = 0; t < steps; t++) h = w.mul(h).add(0.1).tanh();
    h.backward();
    expect(Number.isFinite(h.data)).toBe(true);
    // Fixed point of h = tanh(0.5 h + 0.1), found by plain iteration.
    let fixed = 0.3;
    for (let i = 0; i < 1000; i++) fixed = Math.tanh(0.5 * fixed + 0.1);
    expect(h.data).toBeCloseTo(fixed, 14);
    // dh_T/dw = Σ_t (product of later step derivatives) · (1 − h_t²) · h_{t−1} → geometric series
    // at the fixed point: (1 − h*²) h* / (1 − 0.5 (1 − h*²)).
    const slope = 1 - fixed * fixed;
    expect(w.grad).toBeCloseTo((slope * fixed) / (1 - 0.5 * slope), 12);
    expect(h0.grad).toBe(0); // underflowed: (0.5·slope)^200000 is far below 1e-308
  });
});
