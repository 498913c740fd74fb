/**
 * The few WebAssembly byte codes the matmul kernels need, named as in the spec's text format
 * (https://webassembly.github.io/spec/core/binary/instructions.html and, for SIMD,
 * https://github.com/WebAssembly/simd/blob/main/proposals/simd/BinarySIMD.md).
 * Plain `as const` objects rather than enums, so the TypeScript stays erasable.
 */

/** Value types, as they appear in function signatures and local declarations. */
export const ValType = {
  i32: 0x7f,
  f64: 0x7c,
  /** 128-bit SIMD vector; the kernels read it as f64x2 (two doubles side by side). */
  v128: 0x7b,
} as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** "This block/loop leaves nothing on the stack" (the empty block type). */
export const EMPTY_BLOCK = 0x40;

/** One-byte instructions of the core (MVP) instruction set. */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,

  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,

  f64Load: 0x2b,
  f64Store: 0x39,

  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32DivU: 0x6e,
  i32RemU: 0x70,
  i32Shl: 0x74,
} as const;

/** Every SIMD instruction is this prefix byte followed by its number (`SimdOp`) in LEB128. */
export const SIMD_PREFIX = 0xfd;

/** SIMD instruction numbers (written after `SIMD_PREFIX`). */
export const SimdOp = {
  /** Loads 16 bytes: two adjacent doubles. */
  v128Load: 0x00,
  /** Loads one double and copies it into both lanes: [x, x]. */
  v128Load64Splat: 0x0a,
  v128Store: 0x0b,
  /** A 16-byte constant follows the opcode. */
  v128Const: 0x0c,
  f64x2Splat: 0x14,
  /** Lane-wise: [a0 + b0, a1 + b1]. */
  f64x2Add: 0xf0,
  /** Lane-wise: [a0 · b0, a1 · b1]. */
  f64x2Mul: 0xf2,
  /** Lane-wise: [a0 − b0, a1 − b1]. */
  f64x2Sub: 0xf1,
  /** Lane-wise smaller / larger (NaN if either is NaN). */
  f64x2Min: 0xf4,
  f64x2Max: 0xf5,
  /** Each 64-bit lane's bits shifted left by an i32 count (exp-kernel.ts builds 2^k this way). */
  i64x2Shl: 0xcb,
  /** Lane-wise a ≠ b: all ones where true (NaN ≠ NaN), all zeros where false. */
  f64x2Ne: 0x48,
  v128Or: 0x50,
  /** i32 1 if any bit of the vector is set, else 0. */
  v128AnyTrue: 0x53,
} as const;
