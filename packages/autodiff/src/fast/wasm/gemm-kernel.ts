/**
 * Generates the inner kernel: C = Ã·B̃ (or C += Ã·B̃), a whole matrix product on packed operands.
 *
 * Why it is fast:
 * - f64x2: one SIMD instruction multiplies (or adds) two doubles, so each C row of the tile is
 *   TILE_COLS / 2 vectors and the arithmetic takes half as many instructions.
 * - Register blocking: the TILE_ROWS × TILE_COLS block of C being computed stays in local
 *   variables (machine registers, once V8 compiles them) for the whole k loop; it is read from
 *   and written to memory once per tile, not once per multiply-add. Each step of the k loop
 *   loads TILE_ROWS numbers of A and TILE_COLS of B and does TILE_ROWS · TILE_COLS
 *   multiply-adds with them: 4 + 4 loads feed 16 multiply-adds in the 4×4 tile.
 * - Packing (pack-kernels.ts): Ã and B̃ are laid out so each k step reads the next 32 bytes,
 *   in order, whatever the shapes; the B̃ panel in use (k × TILE_COLS) stays in L1 cache while
 *   the kernel walks down all of Ã.
 *
 * Layouts (sizes already padded to whole tiles, see matmul-wasm.ts):
 * - Ã: rowPanels panels; panel I holds rows I·R … I·R+R-1 of A, column by column: for each
 *   p in 0…k-1, the R numbers A[I·R + r, p] (R = TILE_ROWS).
 * - B̃: colPanels panels; panel J holds, for each p, the C = TILE_COLS numbers B[p, J·C + c].
 * - C: row-major, `cRowBytes` bytes from one row to the next.
 *
 * Each element of C is summed in the order p = 0, 1, …, k-1, starting from +0 (or, when
 * accumulating, from its value in memory), one multiply and one add at a time, exactly like
 * the reference `matmul` in kernels.ts, so the results are bit-for-bit the same. (WebAssembly
 * SIMD has no fused multiply-add outside the "relaxed" extension, whose rounding may vary by
 * machine.) The k loop is not unrolled: unrolled by 2, 4 or 8 it measured 1.4–6× slower,
 * probably because V8 then keeps more vectors alive than it has registers for.
 */
import { FunctionBody } from './function-body.js';
import { Op, SimdOp, ValType } from './opcodes.js';
import { F64_BYTES, TILE_COLS, TILE_ROWS, V128_BYTES } from './tile.js';

const VECTORS_PER_ROW = TILE_COLS / 2;

/**
 * gemm(a, aPanelBytes, b, bPanelBytes, c, rowPanels, colPanels, k, cRowBytes, accumulate):
 * all i32, addresses in bytes. Puts the product of rowPanels Ã panels and colPanels B̃ panels
 * into C, added to what C holds if `accumulate` is not 0, else replacing it:
 * Ã panel I starts at a + I·aPanelBytes, B̃ panel J at b + J·bPanelBytes, and the kernel
 * reads the first k steps of each. (Panels are usually longer than k: matmul-wasm.ts splits
 * big products into blocks that fit in cache by pointing a, b, c and k at parts of them.)
 * Loops: for each B̃ panel J, for each Ã panel I, one tile.
 */
export function gemmKernel(): FunctionBody {
  const i32 = ValType.i32;
  const f = new FunctionBody([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32]);
  const [a, aPanelBytes, b, bPanelBytes, c, rowPanels, colPanels, k, cRowBytes, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  // The tile of C, as TILE_ROWS × VECTORS_PER_ROW f64x2 locals, and the operands of one k step.
  const acc = Array.from({ length: TILE_ROWS }, () => Array.from({ length: VECTORS_PER_ROW }, () => f.local(ValType.v128)));
  const bVec = Array.from({ length: VECTORS_PER_ROW }, () => f.local(ValType.v128));
  const aSplat = f.local(ValType.v128);

  const aPanel = f.local(i32); // start of the current Ã panel
  const bPanel = f.local(i32); // start of the current B̃ panel
  const aPtr = f.local(i32); // walks down the Ã panel, one k step at a time
  const bPtr = f.local(i32); // walks down the B̃ panel
  const cTile = f.local(i32); // top-left corner of the tile in C
  const cColumn = f.local(i32); // top of the current column of tiles in C
  const cRow = f.local(i32); // a row of the tile, when loading/storing it
  const tileRowsBytes = f.local(i32); // cRowBytes · TILE_ROWS: from one tile down to the next
  const jLeft = f.local(i32);
  const iLeft = f.local(i32);
  const pLeft = f.local(i32);

  /** Starts the accumulators at 0 (+0.0, as the reference kernel's fresh C). */
  const zeroTile = (): void => {
    for (const row of acc) for (const vector of row) f.v128Zero().localSet(vector);
  };

  /** Loads (`store` false) or stores the tile of C at cTile from/to the accumulators. */
  const moveTile = (store: boolean): void => {
    f.localGet(cTile).localSet(cRow);
    for (let r = 0; r < TILE_ROWS; r++) {
      for (let v = 0; v < VECTORS_PER_ROW; v++) {
        if (store) f.localGet(cRow).localGet(acc[r][v]).v128Store(v * V128_BYTES);
        else f.localGet(cRow).v128Load(v * V128_BYTES).localSet(acc[r][v]);
      }
      if (r < TILE_ROWS - 1) f.localGet(cRow).localGet(cRowBytes).op(Op.i32Add).localSet(cRow);
    }
  };

  /** One k step: acc[r][v] += A[i+r, p] · B[p, j+2v … j+2v+1], for every r and v. */
  const kStep = (): void => {
    for (let v = 0; v < VECTORS_PER_ROW; v++) f.localGet(bPtr).v128Load(v * V128_BYTES).localSet(bVec[v]);
    for (let r = 0; r < TILE_ROWS; r++) {
      f.localGet(aPtr).v128Load64Splat(r * F64_BYTES).localSet(aSplat); // [a, a]
      for (let v = 0; v < VECTORS_PER_ROW; v++) {
        f.localGet(acc[r][v]);
        f.localGet(aSplat).localGet(bVec[v]).simd(SimdOp.f64x2Mul);
        f.simd(SimdOp.f64x2Add).localSet(acc[r][v]);
      }
    }
    f.addToLocal(aPtr, TILE_ROWS * F64_BYTES).addToLocal(bPtr, TILE_COLS * F64_BYTES);
  };

  f.localGet(cRowBytes).i32Const(TILE_ROWS).op(Op.i32Mul).localSet(tileRowsBytes);
  f.localGet(b).localSet(bPanel);
  f.localGet(c).localSet(cColumn);
  f.localGet(colPanels).localSet(jLeft);
  f.countDown(jLeft, () => {
    // One column of tiles: this B̃ panel (k · TILE_COLS · 8 bytes: 8 KB at k = 256, so it stays
    // in L1 cache) against every Ã panel.
    f.localGet(a).localSet(aPanel);
    f.localGet(cColumn).localSet(cTile);
    f.localGet(rowPanels).localSet(iLeft);
    f.countDown(iLeft, () => {
      f.localGet(accumulate).ifElse(() => moveTile(false), zeroTile);
      f.localGet(aPanel).localSet(aPtr);
      f.localGet(bPanel).localSet(bPtr);
      f.localGet(k).localSet(pLeft);
      f.countDown(pLeft, kStep);
      moveTile(true);
      f.localGet(aPanel).localGet(aPanelBytes).op(Op.i32Add).localSet(aPanel);
      f.localGet(cTile).localGet(tileRowsBytes).op(Op.i32Add).localSet(cTile);
    });
    f.localGet(bPanel).localGet(bPanelBytes).op(Op.i32Add).localSet(bPanel);
    f.addToLocal(cColumn, TILE_COLS * F64_BYTES);
  });
  return f;
}
