/**
 * fixtures/training.json (PyTorch 1.13, float64): Linear, mseLoss, crossEntropy (with ±1000
 * logits), five steps of SGD / Adam / RMSProp on f(p) = 0.5·||A p − b||² replayed here with
 * our own backward, and clipGradNorm.
 */
import { fromArray, tensor, type Tensor } from '@chainrule/autodiff';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam, clipGradNorm, crossEntropy, Linear, mseLoss, RMSProp, SGD, type Optimizer } from '../src/index.js';
import { expectArrayClose, expectEachClose, worstErrors } from './helpers/compare.js';
import { training, type OptimizerCase } from './helpers/fixtures.js';

const RTOL = 1e-10;

describe('Linear', () => {
  it.each(training.linear.cases.map((c) => [c.name, c] as const))('%s: output and gradients', (_, c) => {
    const layer = new Linear({ inFeatures: c.in_features, outFeatures: c.out_features, bias: c.bias !== undefined, seed: 0 });
    layer.loadStateDict(c.bias === undefined ? { weight: c.weight } : { weight: c.weight, bias: c.bias });
    const input = tensor(c.input, { requiresGrad: true });
    const output = layer.forward(input);
    output.mul(tensor(c.G)).sum().backward(); // loss = sum(output ⊙ G)
    expectArrayClose(output.data, c.expected.output, RTOL, 'linear output');
    expectArrayClose(layer.weight.grad!.data, c.expected.grad_weight, RTOL, 'linear grad weight');
    expectArrayClose(input.grad!.data, c.expected.grad_input, RTOL, 'linear grad input');
    if (c.expected.grad_bias !== undefined) expectArrayClose(layer.bias!.grad!.data, c.expected.grad_bias, RTOL, 'linear grad bias');
  });
});

describe('mseLoss', () => {
  it.each(training.mse_loss.cases.map((c) => [c.name, c] as const))('%s: loss and gradient', (_, c) => {
    const input = tensor(c.input, { requiresGrad: true });
    const loss = mseLoss(input, c.target);
    loss.backward();
    expectEachClose(loss.item(), c.expected.loss, RTOL, 'mse loss');
    expectArrayClose(input.grad!.data, c.expected.grad_input, RTOL, 'mse grad');
  });
});

describe('crossEntropy', () => {
  it.each(training.cross_entropy.cases.map((c) => [c.name, c] as const))('%s: loss and gradient', (_, c) => {
    const logits = tensor(c.logits, { requiresGrad: true });
    const loss = crossEntropy(logits, c.targets);
    loss.backward();
    expectEachClose(loss.item(), c.expected.loss, RTOL, 'cross-entropy loss');
    expectArrayClose(logits.grad!.data, c.expected.grad_logits, RTOL, 'cross-entropy grad');
  });

  it('is exact for logits of ±1000: loss 500, gradient (softmax − onehot)/B with exact zeros', () => {
    const c = training.cross_entropy.cases.find((k) => k.name.startsWith('ce_large_logits'))!;
    const logits = tensor(c.logits, { requiresGrad: true });
    const loss = crossEntropy(logits, c.targets);
    loss.backward();
    expect(loss.item()).toBe(500);
    expect(logits.grad!.toArray()).toEqual([
      [0, 0, 0],
      [0, 1 / 3, -1 / 3],
      [0, -1 / 3, 1 / 3],
    ]);
  });
});

/** Replays a history: at each step f(p) and its gradient by our backward, then optimizer.step(). */
function replay(c: OptimizerCase, makeOptimizer: (params: Tensor[]) => Optimizer, stateOf: (o: Optimizer, p: Tensor) => Record<string, ArrayLike<number>>): void {
  const A = tensor(c.objective.A);
  const b = tensor(c.objective.b).reshape([-1, 1]);
  const p = tensor(c.objective.p0, { requiresGrad: true });
  const optimizer = makeOptimizer([p]);
  for (const entry of c.history) {
    optimizer.zeroGrad();
    const residual = A.matmul(p.reshape([-1, 1])).sub(b); // A p − b
    const loss = residual.mul(residual).sum().mul(0.5);
    loss.backward();
    expectEachClose(loss.item(), entry.loss, RTOL, `${c.name.split('_')[0]} loss`);
    expectArrayClose(p.grad!.data, entry.grad, RTOL, `${c.name.split('_')[0]} grad`);
    optimizer.step();
    expectArrayClose(p.data, entry.params, RTOL, `${c.name.split('_')[0]} params`);
    const state = stateOf(optimizer, p);
    for (const [key, values] of Object.entries(entry.state)) {
      expectArrayClose(state[key], values, RTOL, `${c.name.split('_')[0]} state ${key}`);
    }
  }
}

describe('optimizers: five steps, params and state after every step', () => {
  it.each(training.sgd.cases.map((c) => [c.name, c] as const))('SGD %s', (_, c) => {
    const momentum = c.options.momentum as number;
    replay(
      c,
      (params) => new SGD(params, { lr: c.options.lr as number, momentum }),
      (o, p): Record<string, ArrayLike<number>> => (momentum === 0 ? {} : { momentum_buffer: (o as SGD).state.get(p)!.momentumBuffer }),
    );
  });

  it.each(training.adam.cases.map((c) => [c.name, c] as const))('Adam %s', (_, c) => {
    const [beta1, beta2] = c.options.betas as number[];
    replay(
      c,
      (params) => new Adam(params, { lr: c.options.lr as number, betas: [beta1, beta2], eps: c.options.eps as number }),
      (o, p) => ({ exp_avg: (o as Adam).state.get(p)!.expAvg, exp_avg_sq: (o as Adam).state.get(p)!.expAvgSq }),
    );
  });

  it('Adam defaults are lr 1e-3, betas [0.9, 0.999], eps 1e-8 (the adam_defaults case)', () => {
    const c = training.adam.cases.find((k) => k.name.startsWith('adam_defaults'))!;
    replay(c, (params) => new Adam(params), (o, p) => ({ exp_avg: (o as Adam).state.get(p)!.expAvg, exp_avg_sq: (o as Adam).state.get(p)!.expAvgSq }));
  });

  it.each(training.rmsprop.cases.map((c) => [c.name, c] as const))('RMSProp %s', (_, c) => {
    replay(
      c,
      (params) => new RMSProp(params, { lr: c.options.lr as number, alpha: c.options.alpha as number, eps: c.options.eps as number }),
      (o, p) => ({ square_avg: (o as RMSProp).state.get(p)!.squareAvg }),
    );
  });
});

describe('clipGradNorm', () => {
  it.each(training.clip_grad_norm.cases.map((c) => [c.name, c] as const))('%s: total norm before clipping, clipped grads', (_, c) => {
    const params = c.grads.map((g) => {
      const p = tensor(g, { requiresGrad: true });
      p.grad = tensor(g);
      return p;
    });
    const total = clipGradNorm(params, c.max_norm);
    expectEachClose(total, c.expected.total_norm, RTOL, 'clip total norm');
    params.forEach((p, k) => expectArrayClose(p.grad!.data, c.expected.clipped_grads[k], RTOL, 'clipped grads'));
  });

  it('skips parameters without a gradient, and scales each .grad in place', () => {
    const a = tensor([0, 0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    a.grad = fromArray([3, 4], [2]);
    const held = a.grad.data;
    expect(clipGradNorm([a, b], 1)).toBe(5);
    expect(a.grad.data).toBe(held);
    expect(Array.from(held)).toEqual([3 / (5 + 1e-6), 4 / (5 + 1e-6)]);
    expect(b.grad).toBeNull();
  });
});

afterAll(() => {
  console.log(`worst relative errors against PyTorch (training.json):\n${worstErrors()}`);
});
