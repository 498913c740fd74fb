/**
 * Copies an operand from JavaScript into the wasm memory, zero-padded to whole tiles, so the
 * packing and gemm kernels never meet a partial tile.
 */

/**
 * Below this many columns, stage() copies rows number by number: each `set` of a subarray
 * costs about as much as copying 50 numbers one at a time (the subarray is a new object).
 */
const SHORT_ROW = 64;

/**
 * Copies the row-major [rows, cols] matrix `src` into `heap` at double offset `at` as a
 * [paddedRows, paddedCols] matrix, zeros in the padding. One bulk copy when no columns are
 * added, else row by row.
 */
export function stage(
  heap: Float64Array,
  at: number,
  src: Float64Array,
  rows: number,
  cols: number,
  paddedRows: number,
  paddedCols: number,
): void {
  if (cols === paddedCols) {
    heap.set(src.length === rows * cols ? src : src.subarray(0, rows * cols), at);
  } else if (cols < SHORT_ROW) {
    for (let r = 0; r < rows; r++) {
      const to = at + r * paddedCols;
      const from = r * cols;
      for (let j = 0; j < cols; j++) heap[to + j] = src[from + j];
      for (let j = cols; j < paddedCols; j++) heap[to + j] = 0;
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const to = at + r * paddedCols;
      heap.set(src.subarray(r * cols, (r + 1) * cols), to);
      heap.fill(0, to + cols, to + paddedCols);
    }
  }
  heap.fill(0, at + rows * paddedCols, at + paddedRows * paddedCols);
}
