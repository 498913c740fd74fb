/**
 * Synthetic numbers for the placeholder commands `demo` and `demo-heatmap`: closed forms and a
 * one-line recursion, no autodiff engine. They exist to exercise the CLI end to end until the real
 * experiments (src/experiments/, on @chainrule/autodiff and @chainrule/nn) replace them. Pure.
 */

export interface LinearCase {
  readonly t: readonly number[];
  readonly series: readonly { readonly rho: number; readonly norms: readonly number[] }[];
  /** base^(T−t): the dashed line. */
  readonly bound: { readonly base: number; readonly values: readonly number[] };
}

/**
 * The exact linear case (experiment 3's closed form): with identity activation and W_rec = ρ·Q,
 * Q orthogonal, ‖dE/dh_t‖ = ρ^(T−t)·‖dE/dh_T‖. Here ‖dE/dh_T‖ = 1.
 */
export function linearCase(steps: number, rhos: readonly number[], boundBase: number): LinearCase {
  const t = Array.from({ length: steps }, (_, i) => i + 1);
  return {
    t,
    series: rhos.map((rho) => ({ rho, norms: t.map((k) => rho ** (steps - k)) })),
    bound: { base: boundBase, values: t.map((k) => boundBase ** (steps - k)) },
  };
}

export interface UnitGrid {
  readonly w: readonly number[];
  readonly b: readonly number[];
  /** |dx_T/dw| at (w[i], b[j]) is values[j][i]. */
  readonly values: readonly (readonly number[])[];
}

/**
 * One linear unit x_t = w·x_{t−1} + b from x_0, and |dx_T/dw| by forward-mode recursion
 * d_t = x_{t−1} + w·d_{t−1}, d_0 = 0, over a (w, b) grid. `onRow` is called after each row.
 */
export function linearUnitGrid(
  steps: number,
  x0: number,
  range: number,
  size: number,
  onRow: (row: number) => void = () => {},
): UnitGrid {
  const axis = Array.from({ length: size }, (_, i) => Number((-range + (2 * range * i) / (size - 1)).toPrecision(12)));
  const values = axis.map((b, j) => {
    const row = axis.map((w) => {
      let x = x0;
      let d = 0;
      for (let t = 1; t <= steps; t++) {
        d = x + w * d; // uses x_{t−1}: update d before x
        x = w * x + b;
      }
      return Math.abs(d);
    });
    onRow(j);
    return row;
  });
  return { w: axis, b: axis, values };
}
