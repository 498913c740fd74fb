/**
 * The input every gradient experiment runs on: one sequence x_1..x_T (batch 1) and the target y
 * that the last state h_T is compared with, E = ½·||h_T − y||². An input file (`--input`) holds
 * the same two things.
 */
import { Random } from '@chainrule/autodiff';

export interface Sequence {
  /** T × I: x_1..x_T, batch 1. */
  inputs: readonly (readonly number[])[];
  /** H: the target y of h_T. */
  target: readonly number[];
}

/**
 * A seeded random sequence: x_t ~ N(0, 1), target y ~ U(0, 1). The target stays inside (0, 1)
 * so that a sigmoid cell, whose states live there too, can reach it.
 */
export function randomSequence(steps: number, inputSize: number, hiddenSize: number, seed: number): Sequence {
  const rng = new Random(seed);
  return {
    inputs: Array.from({ length: steps }, () => Array.from({ length: inputSize }, () => rng.normal())),
    target: Array.from({ length: hiddenSize }, () => rng.uniform()),
  };
}
