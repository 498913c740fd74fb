/**
 * The WebAssembly emitter (src/fast/wasm): LEB128 against worked examples and a decoder,
 * and modules it builds against the engine's own validator and by running them.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FunctionBody } from '../src/fast/wasm/function-body.js';
import { signedLeb128, unsignedLeb128 } from '../src/fast/wasm/leb128.js';
import { matmulModuleBytes } from '../src/fast/wasm/matmul-module.js';
import { packColumnsKernel, packRowsKernel } from '../src/fast/wasm/pack-kernels.js';
import { encodeModule } from '../src/fast/wasm/module.js';
import { Op, SimdOp, ValType } from '../src/fast/wasm/opcodes.js';
import { webAssemblyApi, type WasmApi } from '../src/fast/wasm/webassembly-api.js';

/** Reads back a LEB128 number (signed or not), as a wasm decoder would. */
function decodeLeb128(bytes: readonly number[], signed: boolean): number {
  let result = 0;
  let shift = 0;
  for (const [i, byte] of bytes.entries()) {
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    const last = (byte & 0x80) === 0;
    expect(last, 'only the last byte has its top bit clear').toBe(i === bytes.length - 1);
    if (last && signed && (byte & 0x40) !== 0) result -= 2 ** shift;
  }
  return result;
}

describe('LEB128', () => {
  it('encodes the worked examples', () => {
    expect(unsignedLeb128(0)).toEqual([0x00]);
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb128(0xffff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(signedLeb128(0)).toEqual([0x00]);
    expect(signedLeb128(-1)).toEqual([0x7f]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-64)).toEqual([0x40]);
    expect(signedLeb128(-65)).toEqual([0xbf, 0x7f]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb128(-0x8000_0000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('refuses numbers out of range', () => {
    expect(() => unsignedLeb128(-1)).toThrow(RangeError);
    expect(() => unsignedLeb128(2 ** 32)).toThrow(RangeError);
    expect(() => signedLeb128(2 ** 31)).toThrow(RangeError);
    expect(() => signedLeb128(0.5)).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 0, max: 0xffff_ffff })])('unsigned: decodes back to the number', (x) => {
    expect(decodeLeb128(unsignedLeb128(x), false)).toBe(x);
  });

  test.prop([fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff })])('signed: decodes back to the number', (x) => {
    expect(decodeLeb128(signedLeb128(x), true)).toBe(x);
  });
});

function api(): WasmApi {
  const wasm = webAssemblyApi();
  if (wasm === undefined) throw new Error('no WebAssembly in this engine');
  return wasm;
}

const MEMORY = { module: 'env', name: 'memory', minPages: 1 };

/** Builds, validates and instantiates a module, returning its exports and memory. */
function run(functions: Parameters<typeof encodeModule>[0]): { exports: Record<string, (...args: number[]) => number>; heap: Float64Array } {
  const wasm = api();
  const bytes = encodeModule(functions, MEMORY);
  expect(wasm.validate(bytes)).toBe(true);
  const memory = new wasm.Memory({ initial: 1 });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  return { exports: instance.exports as Record<string, (...args: number[]) => number>, heap: new Float64Array(memory.buffer) };
}

describe('modules built by the emitter', () => {
  it('the matmul module is valid WebAssembly (with SIMD)', () => {
    expect(api().validate(matmulModuleBytes())).toBe(true);
  });

  it('validation can fail: a corrupted header, a body with a type error', () => {
    const bytes = matmulModuleBytes();
    bytes[1] = 0x62; // "\0bsm"
    expect(api().validate(bytes)).toBe(false);
    const wrong = new FunctionBody([ValType.i32]);
    wrong.localGet(0).simd(SimdOp.f64x2Add); // adds two vectors, but the stack holds one i32
    expect(api().validate(encodeModule([{ name: 'f', results: [], body: wrong }], MEMORY))).toBe(false);
  });

  it('runs integer arithmetic and a counted loop (including zero trips)', () => {
    // sumTo(n) = 0 + 1 + … + (n-1), by counting down.
    const sum = new FunctionBody([ValType.i32]);
    const total = sum.local(ValType.i32);
    sum.countDown(0, () => {
      sum.localGet(total).localGet(0).op(Op.i32Add).i32Const(1).op(Op.i32Sub).localSet(total);
    });
    sum.localGet(total);
    const { exports } = run([{ name: 'sumTo', results: [ValType.i32], body: sum }]);
    expect(exports.sumTo(0)).toBe(0);
    expect(exports.sumTo(1)).toBe(0);
    expect(exports.sumTo(100)).toBe(4950);
  });

  it('runs the SIMD instructions: c = a·b + splat(a[0]) on f64x2, and f64 load/store', () => {
    const f = new FunctionBody([ValType.i32, ValType.i32, ValType.i32]);
    f.localGet(2).localGet(0).v128Load().localGet(1).v128Load().simd(SimdOp.f64x2Mul);
    f.localGet(0).v128Load64Splat().simd(SimdOp.f64x2Add).v128Store();
    const g = new FunctionBody([ValType.i32]);
    g.localGet(0).v128Zero().v128Store(16).localGet(0).localGet(0).f64Load(8).f64Store();
    const { exports, heap } = run([
      { name: 'f', results: [], body: f },
      { name: 'g', results: [], body: g },
    ]);
    heap.set([2, 3, 5, 7]);
    exports.f(0, 16, 32);
    expect([...heap.subarray(4, 6)]).toEqual([2 * 5 + 2, 3 * 7 + 2]);
    heap.set([1, 9, 4, 4], 8);
    exports.g(64);
    expect([...heap.subarray(8, 12)]).toEqual([9, 9, 0, 0]);
  });
});

describe('packing kernels', () => {
  // A [rows, cols] matrix of distinct numbers at double offset 0, panels written at double 1000.
  const k = 7;
  const panels = 5; // one pass of 4 panels side by side, then a leftover one
  for (const width of [3, 4]) {
    it(`packColumns(${width}): panel q, step p holds M[p, q·${width} + l]`, () => {
      const cols = panels * width;
      const { exports, heap } = run([{ name: 'pack', results: [], body: packColumnsKernel(width) }]);
      heap.set(Array.from({ length: k * cols }, (_, i) => i + 1));
      exports.pack(0, 8000, panels, k, cols * 8);
      const expected = [];
      for (let q = 0; q < panels; q++) for (let p = 0; p < k; p++) for (let l = 0; l < width; l++) expected.push(p * cols + q * width + l + 1);
      expect([...heap.subarray(1000, 1000 + expected.length)]).toEqual(expected);
    });

    it(`packRows(${width}): panel q, step p holds M[q·${width} + l, p]`, () => {
      const rows = panels * width;
      const { exports, heap } = run([{ name: 'pack', results: [], body: packRowsKernel(width) }]);
      heap.set(Array.from({ length: rows * k }, (_, i) => i + 1));
      exports.pack(0, 8000, panels, k, k * 8);
      const expected = [];
      for (let q = 0; q < panels; q++) for (let p = 0; p < k; p++) for (let l = 0; l < width; l++) expected.push((q * width + l) * k + p + 1);
      expect([...heap.subarray(1000, 1000 + expected.length)]).toEqual(expected);
    });
  }
});
