/**
 * Module: what every layer and cell shares. A module owns named parameters (leaf tensors that
 * require grad) and may hold other modules; names follow PyTorch, so a state dict moves between
 * the two: a cell's `weight_ih`, a model's `cell.weight_ih` and `head.weight`.
 *
 *   cell.parameters()              the tensors an optimizer updates
 *   cell.namedParameters()         [['weight_ih', W_ih], ['weight_hh', W_hh], ...]
 *   cell.stateDict()               { weight_ih: number[][], ... } (plain arrays, JSON-ready)
 *   cell.loadStateDict(sd)         copies numbers in; a wrong key or shape is an error naming it
 */
import { tensor, formatShape, type NestedArray, type Tensor } from '@chainrule/autodiff';
import { show } from './checks.js';

/** A state dict as `stateDict()` returns it: PyTorch names → nested arrays of the parameter's shape. */
export type StateDict = Record<string, number[] | number[][]>;

/** What `loadStateDict` accepts: any nested arrays (e.g. straight from JSON.parse). */
export type StateDictInput = Readonly<Record<string, NestedArray>>;

export abstract class Module {
  /** This module's own parameters, in registration order (PyTorch's order). */
  private readonly ownParameters = new Map<string, Tensor>();
  /** Child modules, whose parameter names get the child's name as a prefix. */
  private readonly children = new Map<string, Module>();

  /** Registers a leaf tensor as a parameter under its PyTorch name, and returns it. */
  protected registerParameter(name: string, param: Tensor): Tensor {
    if (this.ownParameters.has(name) || this.children.has(name)) {
      throw new Error(`${this.constructor.name}: "${name}" is already registered`);
    }
    param.requiresGrad = true;
    param.label = name;
    this.ownParameters.set(name, param);
    return param;
  }

  /** Registers a child module; its parameters are named `${name}.${theirName}`. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    if (this.ownParameters.has(name) || this.children.has(name)) {
      throw new Error(`${this.constructor.name}: "${name}" is already registered`);
    }
    this.children.set(name, module);
    return module;
  }

  /** Every parameter with its dotted PyTorch name: own parameters first, then each child's. */
  namedParameters(): Array<readonly [name: string, param: Tensor]> {
    const named: Array<readonly [string, Tensor]> = [...this.ownParameters];
    for (const [prefix, child] of this.children) {
      for (const [name, param] of child.namedParameters()) named.push([`${prefix}.${name}`, param]);
    }
    return named;
  }

  /** The parameters, in the order of `namedParameters()`. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, param]) => param);
  }

  /** A copy of every parameter as nested arrays, keyed by name. */
  stateDict(): StateDict {
    const sd: StateDict = {};
    for (const [name, param] of this.namedParameters()) sd[name] = toNested(param);
    return sd;
  }

  /**
   * Copies `sd` into the parameters, in place (an optimizer holding them keeps working).
   * Every key must be a parameter name, every parameter must have a key, and shapes must match;
   * all of it is checked before any number is written.
   */
  loadStateDict(sd: StateDictInput): void {
    if (typeof sd !== 'object' || sd === null || Array.isArray(sd)) {
      throw new Error(`loadStateDict: the state dict must be an object of named arrays, got ${show(sd)}`);
    }
    const named = this.namedParameters();
    const expected = named.map(([name]) => name);
    const owner = this.constructor.name;
    for (const key of Object.keys(sd)) {
      if (!expected.includes(key)) {
        throw new Error(`loadStateDict: unexpected key ${show(key)} for ${owner} (expected ${expected.join(', ')})`);
      }
    }
    const values = named.map(([name, param]) => {
      if (!Object.hasOwn(sd, name)) {
        throw new Error(`loadStateDict: missing key "${name}" for ${owner} (expected ${expected.join(', ')})`);
      }
      let value: Tensor;
      try {
        value = tensor(sd[name]);
      } catch (error) {
        throw new Error(`loadStateDict: ${name}: ${(error as Error).message}`);
      }
      if (formatShape(value.shape) !== formatShape(param.shape)) {
        throw new Error(`loadStateDict: ${name} has shape ${formatShape(value.shape)}, expected ${formatShape(param.shape)}`);
      }
      return value;
    });
    named.forEach(([, param], k) => param.data.set(values[k].data));
  }

  /** Forgets the gradients of every parameter (sets `.grad` to null), before the next backward. */
  zeroGrad(): void {
    for (const param of this.parameters()) param.grad = null;
  }
}

/** A 1-D tensor as number[], a 2-D one as number[][]. */
function toNested(param: Tensor): number[] | number[][] {
  if (param.ndim === 1) return Array.from(param.data);
  if (param.ndim !== 2) throw new Error(`stateDict: parameter of shape ${formatShape(param.shape)} is not 1-D or 2-D`);
  const [rows, cols] = param.shape;
  return Array.from({ length: rows }, (_, r) => Array.from(param.data.subarray(r * cols, (r + 1) * cols)));
}
