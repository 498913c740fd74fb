import { show } from './check/show.js';

/**
 * A small seeded pseudo-random number generator, so every experiment, test and plot comes
 * out the same on every machine.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from the
 * PractRand suite): 128 bits of state, four 32-bit words, a counter so no seed can get stuck
 * in a short cycle. The seed is spread over the state by splitmix32, and the first outputs
 * are thrown away so that nearby seeds (1, 2, 3) give unrelated streams.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`Random: seed must be an integer, got ${show(seed)}`);
    // splitmix32 over the low and high halves of the seed
    let s = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1; // the counter
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** The next 32 random bits, as an integer in [0, 2³²). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with all 53 bits of a double's mantissa random. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 2 ** 26 + low) / 2 ** 53;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`Random.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Normal N(mean, std²) by the Box–Muller transform (which makes two; the second is kept). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    const u = 1 - this.uniform(); // in (0, 1], so log(u) is finite
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

let shared = new Random(0);

/** The generator used when no seed is given. Starts from seed 0; `manualSeed` restarts it. */
export function defaultRandom(): Random {
  return shared;
}

/** Restarts the shared generator from `seed` (like torch.manual_seed). */
export function manualSeed(seed: number): void {
  shared = new Random(seed);
}
