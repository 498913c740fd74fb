/** The PyTorch fixtures (packages/nn/fixtures, read-only), typed as far as the tests use them. */
import { readFileSync } from 'node:fs';
import type { ModelFile } from '../../src/index.js';

export interface CellCase {
  readonly name: string;
  readonly model: ModelFile & { readonly forget_bias?: number };
  readonly input: { readonly inputs: number[][]; readonly target: number[] };
  readonly expected: {
    readonly loss: number;
    readonly h: number[][];
    readonly c?: number[][];
    readonly grads: Record<string, number[] | number[][]>;
    readonly grad_h_norms: number[];
    readonly grad_c_norms?: number[];
    readonly jacobian_norms?: number[];
    readonly grad_weight_hh_step_norms: number[];
    readonly forget_path_norms?: number[];
    readonly update_path_norms?: number[];
  };
}

export interface OptimizerCase {
  readonly name: string;
  readonly options: Record<string, number | boolean | number[]>;
  readonly objective: { readonly A: number[][]; readonly b: number[]; readonly p0: number[] };
  readonly history: Array<{
    readonly step: number;
    readonly loss: number;
    readonly grad: number[];
    readonly params: number[];
    readonly state: Record<string, number[]>;
  }>;
}

export interface TrainingFixtures {
  readonly linear: {
    readonly cases: Array<{
      readonly name: string;
      readonly in_features: number;
      readonly out_features: number;
      readonly weight: number[][];
      readonly bias?: number[];
      readonly input: number[][];
      readonly G: number[][];
      readonly expected: { output: number[][]; grad_weight: number[][]; grad_bias?: number[]; grad_input: number[][] };
    }>;
  };
  readonly mse_loss: {
    readonly cases: Array<{
      readonly name: string;
      readonly input: number[] | number[][];
      readonly target: number[] | number[][];
      readonly expected: { loss: number; grad_input: number[] | number[][] };
    }>;
  };
  readonly cross_entropy: {
    readonly cases: Array<{
      readonly name: string;
      readonly logits: number[][];
      readonly targets: number[];
      readonly expected: { loss: number; grad_logits: number[][] };
    }>;
  };
  readonly sgd: { readonly cases: OptimizerCase[] };
  readonly adam: { readonly cases: OptimizerCase[] };
  readonly rmsprop: { readonly cases: OptimizerCase[] };
  readonly clip_grad_norm: {
    readonly cases: Array<{
      readonly name: string;
      readonly max_norm: number;
      readonly grads: Array<number[] | number[][]>;
      readonly expected: { total_norm: number; clip_coef: number; clipped_grads: Array<number[] | number[][]> };
    }>;
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), 'utf8')) as T;
}

export const cellCases: readonly CellCase[] = readJson<{ cases: CellCase[] }>('cells.json').cases;
export const training: TrainingFixtures = readJson<TrainingFixtures>('training.json');
