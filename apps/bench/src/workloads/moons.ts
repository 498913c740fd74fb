/**
 * The two-moons data set of micrograd's demo (scikit-learn's make_moons, 100 points, noise 0.1),
 * generated here with a seeded generator; labels are −1 and +1.
 */
import { seededUniform } from './random.js';

export interface Moons {
  readonly xs: readonly (readonly [number, number])[];
  readonly ys: readonly number[];
}

export function makeMoons(n = 100, noise = 0.1, seed = 7): Moons {
  const draw = seededUniform(seed);
  const gaussian = (): number => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - draw(0, 1);
    const v = draw(0, 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const outer = Math.floor(n / 2);
  const xs: [number, number][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const isOuter = i < outer;
    const count = isOuter ? outer : n - outer;
    const k = isOuter ? i : i - outer;
    const angle = (Math.PI * k) / Math.max(1, count - 1);
    const x = isOuter ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = isOuter ? Math.sin(angle) : 0.5 - Math.sin(angle);
    xs.push([x + noise * gaussian(), y + noise * gaussian()]);
    ys.push(isOuter ? -1 : 1);
  }
  return { xs, ys };
}
