import { describe, expect, it } from 'vitest';
import { toDot, Value } from '../src/index.js';

describe('toDot', () => {
  it('draws each node with its label, data and grad, and each op feeding its result', () => {
    const a = new Value(2, [], '', 'a');
    const b = new Value(-3, [], '', 'b');
    const c = a.mul(b);
    c.label = 'c';
    const d = c.tanh();
    d.backward();
    const dot = toDot(d);
    expect(dot.startsWith('digraph chainrule {')).toBe(true);
    expect(dot.endsWith('}')).toBe(true);
    expect(dot).toContain('a | data 2 | grad');
    expect(dot).toContain('c | data -6 | grad');
    expect(dot).toContain('label="*"');
    expect(dot).toContain('label="tanh"');
    // 4 values, 2 ops: 4 record nodes, 2 op nodes, 2 op->result edges, 3 input edges
    expect(dot.match(/shape=record/g)).toHaveLength(4);
    expect(dot.match(/shape=ellipse/g)).toHaveLength(2);
    expect(dot.match(/->/g)).toHaveLength(5);
    // dd/da = (1 − tanh²(−6)) · b
    const grad = (1 - Math.tanh(-6) ** 2) * -3;
    expect(dot).toContain(`grad ${grad.toExponential(3)}`);
  });

  it('escapes characters that would break a record label', () => {
    const x = new Value(1, [], '', 'x{1}|y');
    expect(toDot(x)).toContain('x\\{1\\}\\|y');
  });
});
