/** Optimizer mechanics the fixtures do not cover: checks, in-place writes, skipping, zeroGrad. */
import { tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { Adam, clipGradNorm, Linear, RMSProp, SGD } from '../src/index.js';

describe('optimizers', () => {
  it('write parameters in place, skip parameters without a gradient, and zeroGrad clears', () => {
    const layer = new Linear({ inFeatures: 2, outFeatures: 1, seed: 1 });
    const weightData = layer.weight.data;
    const biasBefore = Array.from(layer.bias!.data);
    const sgd = new SGD(layer.parameters(), { lr: 0.5 });
    layer.weight.grad = tensor([[1, -2]]);
    const before = Array.from(weightData);
    sgd.step();
    expect(layer.weight.data).toBe(weightData);
    expect(Array.from(weightData)).toEqual([before[0] - 0.5, before[1] + 1]);
    expect(Array.from(layer.bias!.data)).toEqual(biasBefore);
    sgd.zeroGrad();
    expect(layer.parameters().map((p) => p.grad)).toEqual([null, null]);
  });

  it('an update is not recorded in any graph', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    p.grad = tensor([1, 1]);
    new Adam([p], { lr: 0.1 }).step();
    expect(p.recipe).toBeNull();
    expect(p.parents).toEqual([]);
  });

  it('SGD with momentum keeps a buffer per parameter: g first, then μ·buf + g', () => {
    const p = tensor([0], { requiresGrad: true });
    const sgd = new SGD([p], { lr: 1, momentum: 0.5 });
    for (const g of [2, 2, 2]) {
      p.grad = tensor([g]);
      sgd.step();
    }
    // buffers 2, 3, 3.5 → p = −(2 + 3 + 3.5)
    expect(p.item()).toBe(-8.5);
    expect(Array.from(sgd.state.get(p)!.momentumBuffer)).toEqual([3.5]);
  });

  it('Adam’s first step moves each coordinate by about lr, whatever the gradient’s size', () => {
    const p = tensor([0, 0], { requiresGrad: true });
    p.grad = tensor([1e-3, 1e3]);
    new Adam([p], { lr: 0.01 }).step();
    expect(p.data[0]).toBeCloseTo(-0.01, 6);
    expect(p.data[1]).toBeCloseTo(-0.01, 12);
  });

  it('reject non-leaves, duplicates and bad hyperparameters with a clear message', () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new SGD([p.mul(2)], { lr: 1 })).toThrow('SGD: params[0] is not a leaf that requires grad');
    expect(() => new SGD([tensor([1])], { lr: 1 })).toThrow('SGD: params[0] is not a leaf that requires grad');
    expect(() => new RMSProp([p, p])).toThrow('RMSProp: params[1] appears twice in the list');
    expect(() => new SGD([p], { lr: -1 })).toThrow('SGD: lr must be in [0, ∞], got -1');
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow('Adam: betas[1] must be in [0, 1), got 1');
    expect(() => new RMSProp([p], { alpha: 1.5 })).toThrow('RMSProp: alpha must be in [0, 1], got 1.5');
    expect(() => new Adam([p], { lr: Number.NaN })).toThrow('Adam: lr must be in [0, ∞], got NaN');
  });
});

describe('clipGradNorm', () => {
  it('keeps the direction and sets the norm to about maxNorm; below the threshold nothing changes', () => {
    const p = tensor([0, 0, 0], { requiresGrad: true });
    p.grad = tensor([30, -40, 0]);
    expect(clipGradNorm([p], 5)).toBe(50);
    const clipped = Array.from(p.grad.data);
    expect(Math.hypot(...clipped)).toBeCloseTo(5, 6);
    expect(clipped[0] / clipped[1]).toBeCloseTo(-0.75, 14);
    expect(clipGradNorm([p], 10)).toBeCloseTo(5, 6);
    expect(Array.from(p.grad.data)).toEqual(clipped);
  });

  it('gets a finite norm for gradients whose squares overflow, and leaves non-finite gradients alone', () => {
    const p = tensor([0, 0], { requiresGrad: true });
    p.grad = tensor([3e200, 4e200]);
    expect(clipGradNorm([p], 1) / 5e200).toBeCloseTo(1, 14);
    expect(Math.hypot(...p.grad.data)).toBeCloseTo(1, 6);
    p.grad = tensor([Number.POSITIVE_INFINITY, 1]);
    expect(clipGradNorm([p], 1)).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(p.grad.data)).toEqual([Number.POSITIVE_INFINITY, 1]);
    expect(() => clipGradNorm([p], 0)).toThrow('clipGradNorm: maxNorm must be positive, got 0');
  });
});
