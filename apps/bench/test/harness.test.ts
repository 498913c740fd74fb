import { describe, expect, it } from 'vitest';
import { parseArgs, parseWorkloads, UsageError } from '../src/args.js';
import type { Row } from '../src/results.js';
import { median, minimum, relativeError, roundRobinOrder } from '../src/stats.js';
import { formatMs, formatRatio, formatRows } from '../src/table.js';
import { referenceMatmulSum, makeMatmulData, sumOf } from '../src/workloads/matmul.js';
import { referenceChain } from '../src/workloads/chain.js';

describe('median and min', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([5, 1, 4, 2, 3])).toBe(3);
    expect(median([100, 1, 2])).toBe(2); // an outlier does not move it
  });
  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no samples and leaves its input unsorted', () => {
    expect(median([])).toBeNaN();
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
    expect(minimum(samples)).toBe(1);
  });
  it('relative error is measured against the reference', () => {
    expect(relativeError(1.001, 1)).toBeCloseTo(1e-3, 12);
    expect(relativeError(-2, -1)).toBe(1);
  });
});

describe('round-robin order', () => {
  it('rotates the engines by one each repetition so none always runs first', () => {
    const engines = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((rep) => roundRobinOrder(engines, rep).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
    expect(roundRobinOrder([], 5)).toEqual([]);
  });
});

describe('--only and other flags', () => {
  it('parses a comma list in any case, keeping the order and dropping repeats', () => {
    expect(parseWorkloads('t1,S1,t1')).toEqual(['T1', 'S1']);
    expect(parseArgs(['--only', 'S1,T1']).only).toEqual(['S1', 'T1']);
    expect(parseArgs(['--', '--only=T2', '--runs', '7', '--json'])).toMatchObject({ only: ['T2'], runs: 7, json: true });
  });
  it('defaults to every workload, 5 runs, 1 warm-up step, a table', () => {
    expect(parseArgs([])).toMatchObject({ only: ['S1', 'S2', 'S3', 'T1', 'T2', 'T3'], runs: 5, warmup: 1, json: false });
  });
  it('rejects unknown workloads and flags with a message naming them', () => {
    expect(() => parseArgs(['--only', 'S1,X9'])).toThrow(new UsageError('unknown workload X9 (known: S1, S2, S3, T1, T2, T3)'));
    expect(() => parseArgs(['--fast'])).toThrow(new UsageError('unknown flag --fast'));
    expect(() => parseArgs(['--engines', 'chainrule,tfjs-gpu'])).toThrow(/^unknown engine tfjs-gpu \(known: chainrule, chainrule-tape, .*tfjs-cpu/);
    expect(parseArgs(['--engines', 'chainrule,js-pytorch']).engines).toEqual(['chainrule', 'js-pytorch']);
    expect(() => parseArgs(['--runs', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['--runs', '2.5'])).toThrow(UsageError);
    expect(() => parseArgs(['--only'])).toThrow(new UsageError('--only needs a value'));
    expect(() => parseArgs(['--only', '--json'])).toThrow(new UsageError('--only needs a value'));
  });
});

describe('table', () => {
  const row = (engine: string, medianMs: number, ratio: number, notes: string[]): Row => ({
    workload: 'T2',
    engine,
    status: 'ok',
    dtype: 'float64',
    samplesMs: [medianMs],
    medianMs,
    minMs: medianMs,
    ratio,
    peakRssBytes: 123 * 2 ** 20,
    metrics: {},
    notes,
  });

  it('formats durations to about three significant figures', () => {
    expect(formatMs(0.8421)).toBe('0.842 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(undefined)).toBe('–');
    expect(formatRatio(3.456)).toBe('3.46×');
  });

  it('aligns columns, right-aligns numbers and shows pending rows with their reason', () => {
    const text = formatRows([
      row('chainrule', 14, 1, ['sum ✓']),
      row('js-pytorch', 1234.5, 88.2, ['sum ✓', 'float64']),
      { workload: 'T3', engine: 'chainrule', status: 'pending', reason: 'needs LSTMCell', samplesMs: [], metrics: {}, notes: [] },
    ]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0].startsWith('workload  engine      dtype')).toBe(true);
    // every cell of the median column ends at the same place
    const medianEnd = lines[0].indexOf('median') + 'median'.length;
    expect(lines[2].slice(0, medianEnd).endsWith('14.0 ms')).toBe(true);
    expect(lines[3].slice(0, medianEnd).endsWith('1,235 ms')).toBe(true);
    expect(lines[3]).toContain('88×');
    expect(lines[3]).toContain('123 MB');
    expect(lines[3].endsWith('sum ✓; float64')).toBe(true);
    expect(lines[4]).toMatch(/^T3 +chainrule +pending .*needs LSTMCell$/);
  });
});

describe('workload references', () => {
  it('the cheap matmul checksum equals the sum of the full product', () => {
    const d = makeMatmulData(8);
    const c = new Float64Array(64);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) for (let k = 0; k < 8; k++) c[i * 8 + j] += d.a[i * 8 + k] * d.b[k * 8 + j];
    expect(referenceMatmulSum(d)).toBeCloseTo(sumOf(c), 10);
  });
  it('the chain reference gradient matches central differences', () => {
    const eps = 1e-6;
    const [w, u] = [0.9, 0.5];
    const dw = (referenceChain(200, w + eps, u).check - referenceChain(200, w - eps, u).check) / (2 * eps);
    const du = (referenceChain(200, w, u + eps).check - referenceChain(200, w, u - eps).check) / (2 * eps);
    expect(referenceChain(200, w, u).gradNorm).toBeCloseTo(Math.hypot(dw, du), 6);
  });
});
