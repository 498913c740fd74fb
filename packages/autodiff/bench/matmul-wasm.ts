/**
 * GFLOP/s of the float64 matrix products: the JavaScript reference kernel (kernels.ts)
 * against the WebAssembly SIMD kernels (src/fast/wasm), on 256³ and the LSTM benchmark's
 * shapes (B32, I32, H128: gates are 4·128 = 512 wide).
 *
 *     cd packages/autodiff && npx tsx bench/matmul-wasm.ts            # the table
 *     npx tsx bench/matmul-wasm.ts --threshold                       # JS vs wasm on small sizes
 *
 * Each row alternates the contenders, sample by sample (the machine is shared: alternating
 * spreads other load over both), after a warm-up that lets V8 optimize both; it prints the
 * median of the samples and, after the slash, the best. The speed-up is the median, over
 * rounds, of the JS/wasm time ratio within a round: the most robust figure on a busy machine.
 * Both allocate a fresh result, as `matmul` does; the last column writes into a reused array.
 */
import { matmul, transpose } from '../src/tensor/kernels.js';
import { matmulTransAWasm, matmulTransBWasm, matmulWasm } from '../src/fast/wasm/matmul-wasm.js';

type Kernel = (a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array) => Float64Array;

const SAMPLES = Number(process.env.SAMPLES ?? 11);
const SAMPLE_MS = 25;

function random(size: number): Float64Array {
  const x = new Float64Array(size);
  for (let i = 0; i < size; i++) x[i] = Math.random() * 2 - 1;
  return x;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[sorted.length >> 1];
}

/** Milliseconds per call of each contender, one sample of each per round. */
function timeAlternating(contenders: readonly (() => unknown)[], samples = SAMPLES): number[][] {
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < SAMPLE_MS) {
    contenders[0]();
    calls++;
  }
  const reps = Math.max(1, calls);
  for (const run of contenders) for (let r = 0; r < reps * 2; r++) run(); // warm-up
  const times = contenders.map(() => [] as number[]);
  for (let s = 0; s < samples; s++) {
    contenders.forEach((run, c) => {
      const start = performance.now();
      for (let r = 0; r < reps; r++) run();
      times[c].push((performance.now() - start) / reps);
    });
  }
  return times;
}

/** Median over rounds of slow[i] / fast[i]. */
function ratio(slow: readonly number[], fast: readonly number[]): number {
  return median(slow.map((t, i) => t / fast[i]));
}

function gflops(flops: number, ms: readonly number[]): string {
  return `${(flops / median(ms) / 1e6).toFixed(1)}/${(flops / Math.min(...ms) / 1e6).toFixed(1)}`;
}

interface Row {
  name: string;
  m: number;
  k: number;
  n: number;
  /** The JS reference way of computing it (transposes included) and the wasm way. */
  js: Kernel;
  wasm: Kernel;
  aShape: (m: number, k: number, n: number) => number;
  bShape: (m: number, k: number, n: number) => number;
}

const jsTransB: Kernel = (a, b, m, k, n) => matmul(a, transpose(b, [n, k], [1, 0]), m, k, n);
const jsTransA: Kernel = (a, b, m, k, n) => matmul(transpose(a, [k, m], [1, 0]), b, m, k, n);
const plain = { js: matmul, wasm: matmulWasm, aShape: (m: number, k: number) => m * k, bShape: (_: number, k: number, n: number) => k * n };

const rows: Row[] = [
  { name: 'A·B 256×256×256 (T2)', m: 256, k: 256, n: 256, ...plain },
  { name: 'A·B [32,32]@[32,512] x·W_ih', m: 32, k: 32, n: 512, ...plain },
  { name: 'A·B [32,128]@[128,512] h·W_hh', m: 32, k: 128, n: 512, ...plain },
  { name: 'A·B [32,512]@[512,128]', m: 32, k: 512, n: 128, ...plain },
  { name: 'A·B [128,32]@[32,512]', m: 128, k: 32, n: 512, ...plain },
  { name: 'A·Bᵀ dgates·W_hhᵀ [32,512]@[128,512]ᵀ', m: 32, k: 512, n: 128, js: jsTransB, wasm: matmulTransBWasm, aShape: (m, k) => m * k, bShape: (_, k, n) => n * k },
  { name: 'Aᵀ·B hᵀ·dgates [32,128]ᵀ@[32,512]', m: 128, k: 32, n: 512, js: jsTransA, wasm: matmulTransAWasm, aShape: (m, k) => k * m, bShape: (_, k, n) => k * n },
];

function table(): void {
  console.log(`GFLOP/s, median/best of ${SAMPLES}; Node ${process.version}`);
  console.log(['product', 'JS reference', 'wasm SIMD', 'speed-up', 'wasm, into out'].join('\t'));
  for (const row of rows) {
    const { m, k, n } = row;
    const a = random(row.aShape(m, k, n));
    const b = random(row.bShape(m, k, n));
    const out = new Float64Array(m * n);
    const [jsMs, wasmMs, intoMs] = timeAlternating([
      () => row.js(a, b, m, k, n),
      () => row.wasm(a, b, m, k, n),
      () => row.wasm(a, b, m, k, n, out),
    ]);
    const flops = 2 * m * k * n;
    const speedUp = `${ratio(jsMs, wasmMs).toFixed(1)}×`;
    console.log([row.name, gflops(flops, jsMs), gflops(flops, wasmMs), speedUp, gflops(flops, intoMs)].join('\t'));
  }
}

/** Where does wasm start to win? JS vs wasm time for small products (matmul-auto.ts). */
function threshold(): void {
  console.log('m×k×n\tm·k·n\tm·k·n/(mk+kn+mn)\tJS µs\twasm µs\tJS/wasm');
  const shapes: [number, number, number][] = [];
  for (const s of [4, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64]) shapes.push([s, s, s]);
  shapes.push(
    [1, 16, 16], [1, 32, 32], [1, 64, 64], [1, 128, 128], [1, 256, 256], [2, 64, 64], [4, 32, 32], [4, 64, 64],
    [16, 1, 16], [32, 1, 32], [64, 1, 64], [128, 1, 128], [32, 2, 32], [32, 4, 32], [32, 8, 32], [64, 4, 64], [200, 2, 200],
    [16, 64, 1], [64, 64, 1], [2, 64, 2], [2, 512, 2], [4, 256, 4], [8, 64, 8], [8, 8, 128], [16, 16, 64], [32, 32, 4],
  );
  for (const [m, k, n] of shapes) {
    const a = random(m * k);
    const b = random(k * n);
    const [jsMs, wasmMs] = timeAlternating([() => matmul(a, b, m, k, n), () => matmulWasm(a, b, m, k, n)]);
    const intensity = (m * k * n) / (m * k + k * n + m * n);
    const row = [`${m}×${k}×${n}`, m * k * n, intensity.toFixed(1), (median(jsMs) * 1000).toFixed(2), (median(wasmMs) * 1000).toFixed(2)];
    console.log([...row, ratio(jsMs, wasmMs).toFixed(2)].join('\t'));
  }
}

if (process.argv.includes('--threshold')) threshold();
else table();
