/**
 * The part of chainrule's tensor API (architecture.md) that T1 and T2 use, loaded at run time:
 * while `tensor()` has not landed in @chainrule/autodiff, the rows report "pending".
 */
import * as autodiff from '@chainrule/autodiff';
import { PendingError } from '../case.js';

export type Operand = TensorLike | number;

export interface TensorLike {
  readonly shape: readonly number[];
  readonly data: Float64Array;
  readonly grad: TensorLike | null;
  add(other: Operand): TensorLike;
  sub(other: Operand): TensorLike;
  mul(other: Operand): TensorLike;
  matmul(other: TensorLike): TensorLike;
  sigmoid(): TensorLike;
  tanh(): TensorLike;
  mean(): TensorLike;
  backward(): void;
  item(): number;
}

export interface TensorApi {
  tensor(data: number | number[] | number[][], options?: { requiresGrad?: boolean }): TensorLike;
}

export function loadTensorApi(): TensorApi {
  const api = autodiff as unknown as Partial<TensorApi>;
  if (typeof api.tensor !== 'function') throw new PendingError('tensor engine not landed: no tensor() in @chainrule/autodiff');
  return api as TensorApi;
}
