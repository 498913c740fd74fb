/**
 * Generates the packing functions: they copy a matrix already in WebAssembly memory into
 * the panel layout the gemm kernel reads (see gemm-kernel.ts), so the kernel's loads are
 * sequential and its inner loop needs no index arithmetic or edge cases.
 *
 * A panel is `width` lines of the matrix (rows or columns), stored k step by k step: for
 * p = 0 … k-1, the `width` numbers of those lines at position p. Two ways to take lines:
 * - packColumns: panels of `width` adjacent COLUMNS of a [k, ·] matrix. Each k step is
 *   `width` adjacent numbers in one row, copied as f64x2 vectors. (B of A·B; A of Aᵀ·B.)
 * - packRows: panels of `width` adjacent ROWS of a [·, k] matrix. Each k step gathers one
 *   number from each of `width` rows. (A of A·B; B of A·Bᵀ.) This is the transposing one.
 * Either way the source must already hold a whole number of panels (padded with zeros).
 */
import { FunctionBody } from './function-body.js';
import { Op, ValType } from './opcodes.js';
import { F64_BYTES } from './tile.js';

/**
 * How many panels packColumns fills side by side: reading 4 panels' worth of a row
 * (4 · 4 · 8 = 128 bytes, two whole cache lines) before stepping down to the next row. One
 * panel at a time reads half a cache line per row, and when rows are 4 KB apart (n = 512)
 * every row falls in the same L1 cache set, so those lines are gone before the next panel
 * wants their other half: 3× slower, measured. With 4, packing runs at about memcpy speed.
 */
const PANELS_PER_PASS = 4;

/**
 * packColumns(src, dst, panels, k, srcRowBytes), all i32, addresses in bytes: panel q is
 * columns q·width … q·width+width-1 of the [k, panels·width] matrix at src.
 */
export function packColumnsKernel(width: number): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32]);
  const [src, dst, panels, k, srcRowBytes] = [0, 1, 2, 3, 4];
  const passTop = f.local(i32); // row 0 of the first column of this pass
  const from = f.local(i32); // the current row of this pass
  const panelBytes = f.local(i32); // k · width · 8: one whole panel in dst
  const panelOffset = Array.from({ length: PANELS_PER_PASS - 1 }, () => f.local(i32)); // [g-1]: g · panelBytes
  const passesLeft = f.local(i32);
  const pLeft = f.local(i32);

  /** Fills `count` panels side by side, row by row, then moves dst past them. */
  const pass = (count: number): void => {
    f.localGet(passTop).localSet(from);
    f.localGet(k).localSet(pLeft);
    f.countDown(pLeft, () => {
      for (let g = 0; g < count; g++) {
        // width numbers: pairs as one 16-byte vector, an odd last one on its own.
        const to = (): void => {
          f.localGet(dst);
          if (g > 0) f.localGet(panelOffset[g - 1]).op(Op.i32Add);
        };
        let at = 0;
        for (; at + 2 <= width; at += 2) {
          to();
          f.localGet(from).v128Load((g * width + at) * F64_BYTES).v128Store(at * F64_BYTES);
        }
        if (at < width) {
          to();
          f.localGet(from).f64Load((g * width + at) * F64_BYTES).f64Store(at * F64_BYTES);
        }
      }
      f.localGet(from).localGet(srcRowBytes).op(Op.i32Add).localSet(from); // down one row
      f.addToLocal(dst, width * F64_BYTES); // dst now walks down the pass's first panel
    });
    if (count > 1) f.localGet(dst).localGet(panelOffset[count - 2]).op(Op.i32Add).localSet(dst);
    f.addToLocal(passTop, count * width * F64_BYTES);
  };

  f.localGet(k).i32Const(width * F64_BYTES).op(Op.i32Mul).localSet(panelBytes);
  for (let g = 1; g < PANELS_PER_PASS; g++) f.localGet(panelBytes).i32Const(g).op(Op.i32Mul).localSet(panelOffset[g - 1]);
  f.localGet(src).localSet(passTop);
  f.localGet(panels).i32Const(PANELS_PER_PASS).op(Op.i32DivU).localSet(passesLeft);
  f.countDown(passesLeft, () => pass(PANELS_PER_PASS));
  f.localGet(panels).i32Const(PANELS_PER_PASS).op(Op.i32RemU).localSet(passesLeft); // the leftover panels
  f.countDown(passesLeft, () => pass(1));
  return f;
}

/**
 * packRows(src, dst, panels, k, srcRowBytes), all i32, addresses in bytes: panel q is rows
 * q·width … q·width+width-1 of the [panels·width, k] matrix at src.
 */
export function packRowsKernel(width: number): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32]);
  const [src, dst, panels, k, srcRowBytes] = [0, 1, 2, 3, 4];
  const from = f.local(i32); // row 0 of the panel, at column p
  const panelBytes = f.local(i32); // width · srcRowBytes: from one panel's rows to the next
  const rowOffset = Array.from({ length: width }, () => f.local(i32)); // l · srcRowBytes
  const qLeft = f.local(i32);
  const pLeft = f.local(i32);

  for (let l = 0; l < width; l++) f.localGet(srcRowBytes).i32Const(l).op(Op.i32Mul).localSet(rowOffset[l]);
  f.localGet(srcRowBytes).i32Const(width).op(Op.i32Mul).localSet(panelBytes);
  f.localGet(panels).localSet(qLeft);
  f.countDown(qLeft, () => {
    f.localGet(src).localSet(from);
    f.localGet(k).localSet(pLeft);
    f.countDown(pLeft, () => {
      for (let l = 0; l < width; l++) {
        f.localGet(dst);
        f.localGet(from).localGet(rowOffset[l]).op(Op.i32Add).f64Load();
        f.f64Store(l * F64_BYTES);
      }
      f.addToLocal(from, F64_BYTES); // next column
      f.addToLocal(dst, width * F64_BYTES);
    });
    f.localGet(src).localGet(panelBytes).op(Op.i32Add).localSet(src); // next panel of rows
  });
  return f;
}
