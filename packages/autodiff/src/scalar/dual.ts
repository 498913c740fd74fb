/**
 * Dual: a number and its rate of change, for forward-mode differentiation of scalar code.
 *
 * A dual number is a + b·ε with ε² = 0. Put it through any arithmetic and the ε part comes out
 * as the derivative: (a + b·ε)(c + d·ε) = ac + (ad + bc)·ε, the product rule, because the ε²
 * term vanishes. So `value` is f(x) and `tangent` is f′(x)·(the tangent you started with): seed x
 * with tangent 1 and read df/dx. One pass per input direction, no graph, nothing to walk back.
 *
 * Each op below computes the value and, beside it, the tangent by the chain rule:
 * d f(u) = f′(u) · du. The same derivatives `Value` uses, applied forwards
 * (test/dual.test.ts checks them against `Value` on random expressions).
 */
import { sigmoid as stableSigmoid, sigmoidSlope, tanhSlope } from '../math.js';

/** A Dual or a plain number (a constant: tangent 0). */
export type DualOperand = Dual | number;

/** A number and its tangent: forward-mode differentiation on plain numbers (see the top of this file). */
export class Dual {
  /** f(x). */
  readonly value: number;
  /** df/dx along the seeded direction. */
  readonly tangent: number;

  constructor(value: number, tangent = 0) {
    if (typeof value !== 'number' || typeof tangent !== 'number') {
      throw new Error(`Dual: value and tangent must be numbers, got ${typeof value} and ${typeof tangent}`);
    }
    this.value = value;
    this.tangent = tangent;
  }

  /** x as the variable we differentiate by: tangent 1. */
  static variable(x: number): Dual {
    return new Dual(x, 1);
  }

  /** a + b, and its tangent. */
  // d(a + b) = da + db
  add(other: DualOperand): Dual {
    const b = toDual(other);
    return new Dual(this.value + b.value, this.tangent + b.tangent);
  }

  /** a − b, and its tangent. */
  // d(a − b) = da − db
  sub(other: DualOperand): Dual {
    const b = toDual(other);
    return new Dual(this.value - b.value, this.tangent - b.tangent);
  }

  /** a · b, and its tangent. */
  // d(a · b) = b · da + a · db
  mul(other: DualOperand): Dual {
    const b = toDual(other);
    return new Dual(this.value * b.value, b.value * this.tangent + this.value * b.tangent);
  }

  /** a / b, and its tangent. */
  // d(a / b) = da / b − (a / b²) · db = (da − (a / b) · db) / b
  div(other: DualOperand): Dual {
    const b = toDual(other);
    const q = this.value / b.value;
    return new Dual(q, (this.tangent - q * b.tangent) / b.value);
  }

  /** −a, and its tangent. */
  // d(−a) = −da
  neg(): Dual {
    return new Dual(-this.value, -this.tangent);
  }

  /** aᵏ for a constant exponent k, and its tangent. */
  // d aᵏ = k · aᵏ⁻¹ · da
  pow(k: number): Dual {
    if (typeof k !== 'number') throw new Error(`Dual.pow: the exponent must be a number, got ${typeof k}`);
    return new Dual(this.value ** k, k * this.value ** (k - 1) * this.tangent);
  }

  /** eᵃ, and its tangent. */
  // d eᵃ = eᵃ · da
  exp(): Dual {
    const e = Math.exp(this.value);
    return new Dual(e, e * this.tangent);
  }

  /** ln a, and its tangent. */
  // d ln a = da / a
  log(): Dual {
    return new Dual(Math.log(this.value), this.tangent / this.value);
  }

  /** tanh a, and its tangent. */
  // d tanh a = (1 − tanh² a) · da, the slope from a (math.ts: 1 − t² would cancel in saturation)
  tanh(): Dual {
    return new Dual(Math.tanh(this.value), tanhSlope(this.value) * this.tangent);
  }

  /** σ(a) = 1 / (1 + e⁻ᵃ), and its tangent. */
  // d σ(a) = σ(a) · (1 − σ(a)) · da, the slope from a (math.ts: no cancellation)
  sigmoid(): Dual {
    return new Dual(stableSigmoid(this.value), sigmoidSlope(this.value) * this.tangent);
  }

  /** max(a, 0), and its tangent. */
  // d relu(a) = [a > 0] · da   (0 at the kink, as PyTorch)
  relu(): Dual {
    return this.value > 0 ? new Dual(this.value, this.tangent) : new Dual(0, 0);
  }

  /** "Dual(value=…, tangent=…)". */
  toString(): string {
    return `Dual(value=${this.value}, tangent=${this.tangent})`;
  }
}

/** Numbers become constants (tangent 0); anything else is an error naming what it got. */
function toDual(x: DualOperand): Dual {
  if (x instanceof Dual) return x;
  if (typeof x === 'number') return new Dual(x, 0);
  throw new Error(`Dual: expected a Dual or a number, got ${x === null ? 'null' : typeof x}`);
}
