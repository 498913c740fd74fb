/**
 * tour.ts and vanish.ts on small runs: which cells they build (checked against the weights a
 * cell built here from the same seed has), which sequence they run on, and that every number
 * they derive (means, fits, steps below 1e-8) is what the curves they return give when computed
 * here by hand.
 */
import { Random } from '@chainrule/autodiff';
import { GRUCell, LSTMCell, RNNCell, toModelFile } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { close } from './close.js';
import { gradientFlow } from '../../src/experiments/gradient-flow.js';
import { setupCell } from '../../src/experiments/rnn-bound.js';
import { randomSequence } from '../../src/experiments/sequence.js';
import { fitLine } from '../../src/experiments/stats.js';
import { tour, tourDefaults } from '../../src/experiments/tour.js';
import { cellFromFlags, vanish, vanishFromFiles, vanishFromFlags, type VanishOptions } from '../../src/experiments/vanish.js';
import { unrolledGraph } from '../../src/experiments/graph.js';

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
/** The fit of log10 norm against steps back from T, zeros left out, by hand. */
function slopeOf(norms: readonly number[]): number {
  const T = norms.length;
  const pts = norms.flatMap((n, i) => (n > 0 && Number.isFinite(n) ? [[T - 1 - i, Math.log10(n)] as const] : []));
  return fitLine(pts.map((p) => p[0]), pts.map((p) => p[1])).slope;
}
const stepsBelow = (norms: readonly number[], threshold: number) => {
  const k = [...norms].reverse().findIndex((n) => n < threshold);
  return k < 0 ? null : k;
};

describe('tour', () => {
  const options = { steps: 12, hiddenSize: 4, inputSize: 2, forgetBias: 2, seed: 3 };
  // Run inside each test, not while the file is collected: `pnpm mutate` turns a mutant on only
  // for the tests themselves.
  const stages = new Set<string>();
  const run = () => tour(options, (stage) => stages.add(stage.split(':')[0]));
  const sequence = randomSequence(12, 2, 4, 4); // seed + 1

  it('defaults: T = 100, 16 units, 4 inputs, forget bias 3, seed 0', () => {
    expect(tourDefaults).toEqual({ steps: 100, hiddenSize: 16, inputSize: 4, forgetBias: 3, seed: 0 });
  });

  it('computes only what it shows: no Jacobians for the RNNs, no per-step terms for the LSTMs (the cost estimates count neither)', () => {
    const r = run();
    expect(r.sigmoid.flow.jacobianNorms).toBeNull();
    expect(r.tanh.flow.jacobianNorms).toBeNull();
    expect(r.lstm.flow.stepContributions).toBeNull();
    expect(r.lstmAtZero!.flow.stepContributions).toBeNull();
  });

  it('the two RNNs: sigmoid and tanh, no bias, the same weights (seeded by `seed`), on the sequence of seed + 1', () => {
    const r = run();
    expect(r.options).toEqual(options);
    expect(r.sigmoid.activation).toBe('sigmoid');
    expect(r.tanh.activation).toBe('tanh');
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', bias: false, seed: new Random(3) });
    const flow = gradientFlow(cell, sequence);
    r.tanh.flow.gradHNorms.forEach((g, i) => close(g, flow.gradHNorms[i]));
    const sig = gradientFlow(new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'sigmoid', bias: false, seed: new Random(3) }), sequence);
    r.sigmoid.flow.gradHNorms.forEach((g, i) => close(g, sig.gradHNorms[i]));
    expect(r.sigmoid.sigmaMax).toBe(r.tanh.sigmaMax);
    expect(r.sigmoid.gamma).toBe(1 / 4);
    expect(r.tanh.gamma).toBe(1);
  });

  it('the LSTM at its forget bias and at 0: the seeded cell, its mean f, fits and steps below 1e-8 by hand', () => {
    const r = run();
    for (const [run, bias] of [[r.lstm, 2], [r.lstmAtZero!, 0]] as const) {
      expect(run.forgetBias).toBe(bias);
      const flow = gradientFlow(new LSTMCell({ inputSize: 2, hiddenSize: 4, forgetBias: bias, seed: new Random(3) }), sequence);
      run.flow.gradCNorms!.forEach((g, i) => close(g, flow.gradCNorms![i]));
      close(run.meanForget, mean(flow.gates!.flat()));
      close(run.fit.slope, slopeOf(flow.gradCNorms!), 1e-10);
      close(run.pathFit.slope, slopeOf(flow.gatePathNorms!), 1e-10);
      expect(run.stepsBelow1e8).toBe(stepsBelow(flow.gradCNorms!, 1e-8));
    }
    expect(r.lstm.meanForget).toBeGreaterThan(r.lstmAtZero!.meanForget);
  });

  it('at forget bias 0 there is no second LSTM run', () => {
    const zero = tour({ ...options, forgetBias: 0, steps: 4 });
    expect(zero.lstmAtZero).toBeNull();
    expect(zero.lstm.forgetBias).toBe(0);
  });

  it('reports progress under each run’s name', () => {
    stages.clear();
    run();
    expect([...stages].sort()).toEqual(['LSTM, forget bias 0', 'LSTM, forget bias 2', 'sigmoid RNN', 'tanh RNN']);
  });
});

describe('vanish', () => {
  const base: VanishOptions = { cell: 'rnn', setup: 'basic-tanh', activation: null, hiddenSize: 4, inputSize: 2, steps: 10, forgetBias: 1, seed: 5, jacobians: false };

  it('cellFromFlags: the LSTM gets its forget bias on the f block only; the GRU; the RNN setups; another activation', () => {
    const lstm = cellFromFlags({ ...base, cell: 'lstm', forgetBias: 2.5 }) as LSTMCell;
    const plain = new LSTMCell({ inputSize: 2, hiddenSize: 4, seed: new Random(5) });
    expect(lstm).toBeInstanceOf(LSTMCell);
    Array.from(lstm.biasIh!.data).forEach((b, j) => close(b - plain.biasIh!.data[j], j >= 4 && j < 8 ? 2.5 : 0, 1e-12));
    expect(Array.from(lstm.weightHh.data)).toEqual(Array.from(plain.weightHh.data));
    const gru = cellFromFlags({ ...base, cell: 'gru' });
    expect(gru).toBeInstanceOf(GRUCell);
    expect(Array.from(gru.weightHh.data)).toEqual(Array.from(new GRUCell({ inputSize: 2, hiddenSize: 4, seed: new Random(5) }).weightHh.data));
    const torch = cellFromFlags({ ...base, setup: 'pytorch' }) as RNNCell;
    expect(torch.activation).toBe('tanh');
    expect(Array.from(torch.weightHh.data)).toEqual(Array.from(new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', seed: new Random(5) }).weightHh.data));
    const sig = cellFromFlags({ ...base, setup: 'sigmoid' }) as RNNCell;
    expect(sig.activation).toBe('sigmoid');
    expect(Array.from(sig.weightHh.data)).toEqual(Array.from(setupCell('sigmoid', { hiddenSize: 4, inputSize: 2, seed: 5 }).weightHh.data));
    const id = cellFromFlags({ ...base, setup: 'sigmoid', activation: 'identity' }) as RNNCell;
    expect(id.activation).toBe('identity');
    expect(Array.from(id.weightHh.data)).toEqual(Array.from(sig.weightHh.data));
    expect((cellFromFlags({ ...base, activation: 'tanh' }) as RNNCell).activation).toBe('tanh');
  });

  it('an RNN: the bound report and its flow; no gate path', () => {
    const r = vanishFromFlags(base);
    expect(r.gated).toBeNull();
    expect(r.bound).not.toBeNull();
    expect(r.flow).toBe(r.bound!.flow);
    expect(r.flow.jacobianNorms).toBeNull();
    const flow = gradientFlow(cellFromFlags(base), randomSequence(10, 2, 4, 6));
    r.flow.gradHNorms.forEach((g, i) => close(g, flow.gradHNorms[i]));
    expect(vanishFromFlags({ ...base, jacobians: true }).flow.jacobianNorms).toHaveLength(10);
  });

  it('an LSTM: the full ‖dE/dc_t‖ beside the forget-gate path; a GRU: the full ‖dE/dh_t‖ beside the update-gate path', () => {
    for (const kind of ['lstm', 'gru'] as const) {
      const o = { ...base, cell: kind };
      const r = vanishFromFlags(o);
      expect(r.bound).toBeNull();
      const g = r.gated!;
      expect(g.cell).toBe(kind === 'lstm' ? 'LSTM' : 'GRU');
      const flow = gradientFlow(cellFromFlags(o), randomSequence(10, 2, 4, 6));
      const full = kind === 'lstm' ? flow.gradCNorms! : flow.gradHNorms;
      g.full.forEach((v, i) => close(v, full[i]));
      g.path.forEach((v, i) => close(v, flow.gatePathNorms![i]));
      close(g.fullFit.slope, slopeOf(full), 1e-10);
      close(g.pathFit.slope, slopeOf(flow.gatePathNorms!), 1e-10);
      close(g.meanGate, mean(flow.gates!.flat()));
    }
  });

  it('from files: the model file’s cell on the file’s sequence, with Jacobians except for the LSTM', () => {
    const sequence = randomSequence(6, 2, 4, 9);
    const gru = new GRUCell({ inputSize: 2, hiddenSize: 4, seed: new Random(8) });
    const r = vanishFromFiles(toModelFile(gru), sequence);
    expect(r.flow.jacobianNorms).toHaveLength(6);
    gradientFlow(gru, sequence).gradHNorms.forEach((g, i) => close(r.flow.gradHNorms[i], g));
    const lstm = new LSTMCell({ inputSize: 2, hiddenSize: 4, seed: new Random(8) });
    expect(vanishFromFiles(toModelFile(lstm), sequence).flow.jacobianNorms).toBeNull();
    const rnn = new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', seed: new Random(8) });
    expect(vanish(rnn, sequence, true).flow.jacobianNorms).toHaveLength(6);
  });
});

describe('graph', () => {
  it('an unrolled RNN: its inputs, states, parameters and loss labelled, in DOT and Mermaid', () => {
    const g = unrolledGraph({ cell: 'rnn', steps: 3, keepSteps: 3, hiddenSize: 2, inputSize: 1, seed: 1 });
    for (const label of ['x_1', 'x_3', 'h_1', 'h_3', 'weight_hh', 'E']) {
      expect(g.dot).toContain(label);
      expect(g.mermaid).toContain(label);
    }
    expect(g.dot).toMatch(/^digraph/);
    expect(g.dot).not.toContain('c_1');
  });
  it('an LSTM has its cell states labelled (op by op, every gate shown); a GRU none', () => {
    const g = unrolledGraph({ cell: 'lstm', steps: 2, keepSteps: 2, hiddenSize: 2, inputSize: 1, seed: 1 });
    expect(g.dot).toContain('c_2');
    expect(g.dot).toContain('sigmoid');
    const gru = unrolledGraph({ cell: 'gru', steps: 2, keepSteps: 2, hiddenSize: 2, inputSize: 1, seed: 1 });
    expect(gru.dot).toContain('h_2');
    expect(gru.dot).not.toContain('c_2');
    // The GRU's reset and update gates are sigmoids (two per step); a tanh RNN has none.
    expect(gru.dot.match(/label="sigmoid"/g)).toHaveLength(4);
    expect(unrolledGraph({ cell: 'rnn', steps: 2, keepSteps: 2, hiddenSize: 2, inputSize: 1, seed: 1 }).dot).not.toContain('label="sigmoid"');
  });
  it('the numbers in the graph: x_t drawn from the seed after the cell, and E = ½‖h_T‖² of a tanh RNN, recomputed by hand', () => {
    const g = unrolledGraph({ cell: 'rnn', steps: 3, keepSteps: 3, hiddenSize: 2, inputSize: 1, seed: 5 });
    const rng = new Random(5);
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'tanh', seed: rng });
    const xs = [rng.normal(), rng.normal(), rng.normal()];
    const [wi, wh, bi, bh] = [cell.weightIh.data, cell.weightHh.data, cell.biasIh!.data, cell.biasHh!.data];
    let h = [0, 0];
    for (const x of xs) h = [0, 1].map((u) => Math.tanh(wi[u] * x + bi[u] + wh[2 * u] * h[0] + wh[2 * u + 1] * h[1] + bh[u]));
    const energy = 0.5 * (h[0] ** 2 + h[1] ** 2);
    // The DOT prints a scalar's data to 4 significant digits.
    const printed = (label: string) => Number(new RegExp(`\\{ ${label} \\| \\[[0-9,]*\\] \\| data (\\S+) \\}`).exec(g.dot)![1]);
    xs.forEach((x, t) => expect(Math.abs(printed(`x_${t + 1}`) - x)).toBeLessThanOrEqual(5e-4 * Math.abs(x)));
    expect(Math.abs(printed('E') - energy)).toBeLessThanOrEqual(5e-4 * energy);
    // Three tanh ops (one per step), the loss as pow → sum → mul.
    expect(g.dot.match(/label="tanh"/g)).toHaveLength(3);
    for (const op of ['pow', 'sum', 'mul']) expect(g.dot).toContain(`label="${op}"`);
    expect(g.mermaid).toContain('x_2');
  });
  it('repeated middle steps are collapsed: the DOT of 8 steps keeping 2 is shorter than keeping all 8', () => {
    const o = { cell: 'rnn' as const, steps: 8, hiddenSize: 2, inputSize: 1, seed: 1 };
    expect(unrolledGraph({ ...o, keepSteps: 2 }).dot.length).toBeLessThan(unrolledGraph({ ...o, keepSteps: 8 }).dot.length);
  });
});
