/**
 * What SGD, Adam and RMSProp share: a fixed list of parameters (leaf tensors that require grad),
 * `step()` to update each one that has a gradient, and `zeroGrad()` to clear the gradients
 * before the next backward pass. Updates write each parameter's numbers in place (so the
 * model keeps the same tensors), outside any graph (under noGrad).
 *
 *   const optimizer = new Adam(model.parameters(), { lr: 0.01 });
 *   optimizer.zeroGrad();  loss.backward();  optimizer.step();
 */
import { formatShape, noGrad, Tensor } from '@chainrule/autodiff';
import { checkTensorIterable, show } from '../checks.js';

/** The base of every optimizer: the parameter list, `step()` and `zeroGrad()`. */
export abstract class Optimizer {
  /** The parameters this optimizer updates, in the order given (each a leaf that requires grad). */
  readonly params: readonly Tensor[];

  constructor(name: string, params: Iterable<Tensor>) {
    const list = checkTensorIterable(name, 'params', params);
    list.forEach((p, k) => {
      if (!p.requiresGrad || p.recipe !== null) {
        throw new Error(`${name}: params[${k}] is not a leaf that requires grad (${p.label || 'unnamed'}); pass model.parameters()`);
      }
      if (list.indexOf(p) !== k) throw new Error(`${name}: params[${k}] appears twice in the list`);
    });
    this.params = list;
    this.name = name;
  }

  /** The optimizer's name in error messages. */
  private readonly name: string;

  /** Updates every parameter that has a gradient (those without one are skipped, as in PyTorch). */
  step(): void {
    noGrad(() => {
      for (const param of this.params) {
        if (param.grad === null) continue;
        // A gradient set by hand must fit its parameter: a wrong shape would update the wrong numbers.
        const g: unknown = param.grad;
        if (!(g instanceof Tensor) || g.size !== param.size || formatShape(g.shape) !== formatShape(param.shape)) {
          const got = g instanceof Tensor ? `shape ${formatShape(g.shape)}` : show(g);
          throw new Error(`${this.name}.step: the gradient of ${param.label || `params[${this.params.indexOf(param)}]`} has ${got}, expected shape ${formatShape(param.shape)}`);
        }
        this.update(param.data, param.grad.data, param);
      }
    });
  }

  /** Sets every parameter's `.grad` to null. */
  zeroGrad(): void {
    for (const param of this.params) param.grad = null;
  }

  /** Changes `p` (the parameter's numbers) in place, given its gradient `g`. */
  protected abstract update(p: Float64Array, g: Float64Array, param: Tensor): void;
}

/** Throws unless `value` is a finite number in [min, max] (or [min, max) when `maxOpen`). */
export function checkRange(owner: string, name: string, value: number, min: number, max = Infinity, maxOpen = false): number {
  const inside = typeof value === 'number' && Number.isFinite(value) && value >= min && (maxOpen ? value < max : value <= max);
  if (!inside) {
    const range = `[${min}, ${max === Infinity ? '∞' : max}${maxOpen ? ')' : ']'}`;
    throw new Error(`${owner}: ${name} must be in ${range}, got ${show(value)}`);
  }
  return value;
}
