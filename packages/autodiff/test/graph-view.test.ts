import { describe, expect, it } from 'vitest';
import { graphView, randn, tensor, toDot, toMermaid, type Tensor } from '../src/index.js';

/** h_t = tanh(W h_{t−1} + x_t) for T steps; returns the states. */
function unrolled(T: number): { W: Tensor; states: Tensor[] } {
  const W = randn([2, 2], { seed: 1, requiresGrad: true });
  W.label = 'W';
  let h = tensor([[0], [0]]);
  const states: Tensor[] = [];
  for (let t = 1; t <= T; t++) {
    const x = tensor([[t], [-t]]);
    x.label = `x${t}`;
    h = W.matmul(h).add(x).tanh();
    h.label = `h${t}`;
    states.push(h);
  }
  return { W, states };
}

describe('graphView', () => {
  it('draws every step when nothing is collapsed: 3 ops per step, the weight once', () => {
    const { states } = unrolled(3);
    const view = graphView(states[2], { steps: states });
    expect(view.nodes.filter((n) => n.kind === 'op')).toHaveLength(9);
    expect(view.nodes.filter((n) => n.lines[0] === 'W')).toHaveLength(1);
    // Each step's own input x_t is drawn inside that step; W outside every step.
    expect(view.nodes.find((n) => n.lines[0] === 'x2')?.step).toBe(2);
    expect(view.nodes.find((n) => n.lines[0] === 'W')?.step).toBe(0);
    expect(view.nodes.find((n) => n.lines[0] === 'h3')?.step).toBe(3);
  });

  it('collapses the middle steps into one box, keeping the first ones and the last', () => {
    const { states } = unrolled(50);
    const view = graphView(states[49], { steps: states, keepSteps: 2 });
    const collapsed = view.nodes.filter((n) => n.kind === 'collapsed');
    expect(collapsed).toHaveLength(1);
    expect(collapsed[0].lines).toEqual(['steps 3–49', '(47 more steps, same operations)']);
    // Steps 1, 2 and 50 drawn in full: 3 ops each.
    expect(view.nodes.filter((n) => n.kind === 'op').map((n) => n.step)).toEqual([1, 1, 1, 2, 2, 2, 50, 50, 50]);
    const labels = view.nodes.map((n) => n.lines[0]);
    expect(labels).toContain('h2');
    expect(labels).toContain('h50');
    expect(labels).not.toContain('h3');
    // h2 feeds the box, the box feeds step 50, W feeds the box once.
    const id = (label: string) => view.nodes.find((n) => n.lines[0] === label)!.id;
    const edges = view.edges.map(([a, b]) => `${a}->${b}`);
    expect(edges).toContain(`${id('h2')}->collapsed`);
    expect(edges.filter((e) => e === `${id('W')}->collapsed`)).toHaveLength(1);
    expect(view.edges.some(([from, to]) => from === 'collapsed' && view.nodes.find((n) => n.id === to)?.step === 50)).toBe(true);
  });

  it('toDot puts each drawn step in its own cluster; toMermaid in its own subgraph', () => {
    const { states } = unrolled(5);
    const dot = toDot(states[4], { steps: states, keepSteps: 1 });
    expect(dot).toContain('subgraph cluster_step1 {');
    expect(dot).toContain('subgraph cluster_step5 {');
    expect(dot).not.toContain('cluster_step3');
    expect(dot).toContain('label="steps 2–4\\n(3 more steps, same operations)"');
    const mermaid = toMermaid(states[4], { steps: states, keepSteps: 1 });
    expect(mermaid.startsWith('flowchart LR')).toBe(true);
    expect(mermaid).toContain('subgraph step1 ["t = 1"]');
    expect(mermaid).toContain('collapsed{{"steps 2–4<br/>(3 more steps, same operations)"}}');
    expect(mermaid).toMatch(/n\d+_op\(\("matmul"\)\)/);
  });
});
