/**
 * S2, the deep scalar chain: h_{t+1} = tanh(w·h_t + u·x_t), h_0 = 0, for 1,000,000 steps, then
 * backward from h_T. micrograd's recursive topological sort fails at about 1,000 steps.
 *
 * With `Value`, each step makes 5 nodes: the constant leaf x_t, w·h, u·x, the sum and the tanh;
 * with the leaves w, u and h_0 that is 5·T + 3 nodes.
 */
export const S2_STEPS = 1_000_000;
export const CHAIN_W = 0.9;
export const CHAIN_U = 0.5;

/** The input at step t: a slow sine, so that h neither saturates nor dies out. */
export function chainInput(t: number): number {
  return Math.sin(0.001 * t);
}

export function chainNodeCount(steps: number): number {
  return 5 * steps + 3;
}

/**
 * h_T and ‖(dh_T/dw, dh_T/du)‖ in plain float64 with forward-mode derivatives:
 * h' = tanh(a), a = w·h + u·x  ⇒  dh'/dw = (1 − h'²)(h + w·dh/dw),  dh'/du = (1 − h'²)(x + w·dh/du).
 */
export function referenceChain(steps: number, w = CHAIN_W, u = CHAIN_U): { check: number; gradNorm: number } {
  let h = 0;
  let dw = 0;
  let du = 0;
  for (let t = 0; t < steps; t++) {
    const x = chainInput(t);
    const next = Math.tanh(w * h + u * x);
    const s = 1 - next * next;
    dw = s * (h + w * dw);
    du = s * (x + w * du);
    h = next;
  }
  return { check: h, gradNorm: Math.hypot(dw, du) };
}
