/** The printed table: pure formatting of results, no timing here. */
import type { BenchResult, Row } from './results.js';

const HEADERS = ['workload', 'engine', 'dtype', 'median', 'min', '÷ chainrule', 'peak RSS', 'notes'] as const;

/** A duration with three significant figures: 0.842 ms, 12.3 ms, 1,234 ms, 12.3 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
}

function cells(row: Row): string[] {
  if (row.status !== 'ok') {
    return [row.workload, row.engine, row.dtype ?? '', row.status, '', '', formatBytes(row.peakRssBytes), row.reason ?? ''];
  }
  return [
    row.workload,
    row.engine,
    row.dtype ?? '',
    formatMs(row.medianMs),
    formatMs(row.minMs),
    formatRatio(row.ratio),
    formatBytes(row.peakRssBytes),
    row.notes.join('; '),
  ];
}

/** Columns padded to their widest cell; numbers right-aligned, words left-aligned. */
export function formatRows(rows: readonly Row[]): string {
  const table = [HEADERS.slice(), ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
  const right = new Set([3, 4, 5, 6]);
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - [...cell].length);
        if (c === r.length - 1) return cell;
        return right.has(c) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table[0]), rule, ...table.slice(1).map(line)].join('\n');
}

export function formatReport(result: BenchResult): string {
  const rows = result.workloads.flatMap((w) => w.rows);
  const m = result.machine;
  const lines = [
    `chainrule bench, ${result.date}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`,
    `median of ${result.runs} runs after ${result.warmup} warm-up step(s); engines alternate within each run; ` +
      `load average ${m.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')} at start, ${m.loadAverageAtEnd.map((x) => x.toFixed(1)).join(' ')} at end`,
    '',
    formatRows(rows),
    '',
    '÷ chainrule: the engine\'s median time over chainrule\'s on the same workload (> 1: chainrule is faster).',
    'peak RSS: the peak resident memory of the worker process that ran only that engine (Node itself ≈ 40-60 MB).',
    ...result.workloads.map((w) => `goal ${w.goal}`),
  ];
  return lines.join('\n');
}
