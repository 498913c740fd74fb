/**
 * Generates exp(from, to, groups): e^x for many doubles, two at a time (f64x2). What the transcendental-heavy loops (an LSTM's gates) call instead of Math.exp
 * once per number; within 2 ulp of Math.exp (test/wasm-exp.test.ts).
 *
 * The textbook method, the one fdlibm's exp uses too:
 *   x = k·ln 2 + r   with k = round(x / ln 2), so |r| ≤ ln 2 / 2 ≈ 0.35
 *   e^x = 2^k · e^r
 * - k: x·log₂e rounded to the nearest integer by adding and subtracting 1.5·2^52 (at that size
 *   a double has no fraction bits left, so the addition rounds).
 * - r = x − k·ln 2, with ln 2 split into a high part (k·high is exact) and a low part, so r
 *   keeps all its digits.
 * - e^r: its Taylor series 1 + r + r²/2! + … + r¹³/13!, by Horner's rule; the first term left
 *   out, r¹⁴/14!, is below 1e-17.
 * - 2^k: the double whose exponent field is k + 1023 and mantissa 0. Adding 2^52 + 1023 to k
 *   puts k + 1023 in the low bits of a double's pattern; shifting the 64-bit lanes left by 52
 *   moves it into the exponent field.
 * x is first clamped to [EXP_MIN, EXP_MAX] so k + 1023 stays a normal exponent; the kernel
 * says whether it had to, and expAll (exp-wasm.ts) then gives those numbers to Math.exp.
 */
import { FunctionBody } from './function-body.js';
import { Op, SimdOp, ValType } from './opcodes.js';
import { V128_BYTES } from './tile.js';

const LN2_HIGH = 6.93147180369123816490e-1; // ln 2 to 32 bits: k · LN2_HIGH is exact for |k| < 2^11
const LN2_LOW = 1.90821492927058770002e-10; // ln 2 − LN2_HIGH
const ROUNDING = 1.5 * 2 ** 52;
const EXPONENT_BIAS = 2 ** 52 + 1023;
const TAYLOR_TERMS = 13;
/** The range the kernel computes: e^EXP_MIN ≈ 3e−308 is still a normal double, e^EXP_MAX ≈ 8e307 finite. */
export const EXP_MIN = -708;
export const EXP_MAX = 709;

/**
 * Vectors per trip through the loop. Horner's rule is a chain of dependent steps (each waits
 * for the one before, several cycles); four independent chains interleaved keep the core busy
 * meanwhile. Measured (with the copies in and out) 6.0 ns per number with one vector per trip, 4.6 with four; Math.exp 11–17.
 */
export const EXP_VECTORS = 4;

/**
 * exp(from, to, groups) → i32: e^x for groups × EXP_VECTORS × 2 doubles, read at byte address
 * `from`, written at `to`. Returns 1 if any x was outside [EXP_MIN, EXP_MAX] or NaN (those
 * results are wrong, and the inputs are still at `from` to redo them), else 0.
 */
export function expKernel(): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32]);
  const [at, to, groups] = [0, 1, 2];
  const outside = f.local(ValType.v128); // lanes where some x was clamped (or NaN)
  const lanes = Array.from({ length: EXP_VECTORS }, (_, v) => v);
  const x = lanes.map(() => f.local(ValType.v128));
  const k = lanes.map(() => f.local(ValType.v128));
  const r = lanes.map(() => f.local(ValType.v128));
  const p = lanes.map(() => f.local(ValType.v128));
  // Each constant [c, c] is made once, before the loop, into a local: 18 bytes of code each
  // time it is used otherwise, which would take the module past 4 KB (see matmul-module.ts).
  const constants = new Map<number, number>();
  const constant = (value: number): number => {
    let slot = constants.get(value);
    if (slot === undefined) {
      slot = f.local(ValType.v128);
      f.f64x2Const(value).localSet(slot);
      constants.set(value, slot);
    }
    return slot;
  };
  const taylor = Array.from({ length: TAYLOR_TERMS + 1 }, (_, n) => {
    let factorial = 1;
    for (let m = 2; m <= n; m++) factorial *= m;
    return constant(1 / factorial); // 1/n!
  });
  const [max, min, log2e, rounding, ln2High, ln2Low, bias] = [EXP_MAX, EXP_MIN, Math.LOG2E, ROUNDING, LN2_HIGH, LN2_LOW, EXPONENT_BIAS].map(constant);

  f.countDown(groups, () => {
    for (const v of lanes) {
      // x = memory[at], clamped to [EXP_MIN, EXP_MAX]
      f.localGet(at).v128Load(v * V128_BYTES).localGet(max).simd(SimdOp.f64x2Min).localGet(min).simd(SimdOp.f64x2Max).localSet(x[v]);
      f.localGet(outside).localGet(x[v]).localGet(at).v128Load(v * V128_BYTES).simd(SimdOp.f64x2Ne).simd(SimdOp.v128Or).localSet(outside);
      // k = round(x · log₂e)
      f.localGet(x[v]).localGet(log2e).simd(SimdOp.f64x2Mul).localGet(rounding).simd(SimdOp.f64x2Add);
      f.localGet(rounding).simd(SimdOp.f64x2Sub).localSet(k[v]);
      // r = (x − k·LN2_HIGH) − k·LN2_LOW
      f.localGet(x[v]).localGet(k[v]).localGet(ln2High).simd(SimdOp.f64x2Mul).simd(SimdOp.f64x2Sub);
      f.localGet(k[v]).localGet(ln2Low).simd(SimdOp.f64x2Mul).simd(SimdOp.f64x2Sub).localSet(r[v]);
    }
    // p = e^r = (((1/13!)·r + 1/12!)·r + …)·r + 1, the vectors' chains interleaved
    for (const v of lanes) f.localGet(taylor[TAYLOR_TERMS]).localSet(p[v]);
    for (let n = TAYLOR_TERMS - 1; n >= 0; n--) {
      for (const v of lanes) f.localGet(p[v]).localGet(r[v]).simd(SimdOp.f64x2Mul).localGet(taylor[n]).simd(SimdOp.f64x2Add).localSet(p[v]);
    }
    // memory[at] = p · 2^k, 2^k from the bits of k + 2^52 + 1023 shifted into the exponent field
    for (const v of lanes) {
      f.localGet(to).localGet(p[v]);
      f.localGet(k[v]).localGet(bias).simd(SimdOp.f64x2Add).i32Const(52).simd(SimdOp.i64x2Shl);
      f.simd(SimdOp.f64x2Mul).v128Store(v * V128_BYTES);
    }
    f.localGet(at).i32Const(EXP_VECTORS * V128_BYTES).op(Op.i32Add).localSet(at);
    f.localGet(to).i32Const(EXP_VECTORS * V128_BYTES).op(Op.i32Add).localSet(to);
  });
  f.localGet(outside).simd(SimdOp.v128AnyTrue);
  return f;
}
