// Zeros told apart in every output of a real run: the terminal chart, --json, --csv, --svg and --html
// all say the same thing of the same step. What each step IS comes from the maths, not from the
// program's classifier:
//   - step 1's term of dE/dW_hh is δ_1 h_0ᵀ with h_0 = 0: structural, at any precision;
//   - every other value is a product of nonzero factors (sigmoid′ > 0, a Gaussian W_rec is almost surely
//     invertible, h_{t−1} = σ(·) > 0 for t ≥ 2), so its true value is > 0: a 0 there is underflow;
//   - a nonzero value below 2^-1022 is subnormal (checked on the raw number).
// With ρ = 0 (`linear`), W_rec = 0 and nothing reaches back from h_T: every dE/dh_t, t < T, is 0 by
// construction.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import type { Document } from '@xmldom/xmldom';
import { elements, fakeIo, parseXml } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-zeros-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  const io = fakeIo();
  const code = await main(args, io, registry);
  expect(io.err().replace(/^wrote .*\n/gm, '')).toBe('');
  expect(code).toBe(0);
  return io.out();
}

const steps = (values: readonly number[], test: (v: number, t: number) => boolean) => values.flatMap((v, i) => (test(v, i + 1) ? [i + 1] : []));
const SMALLEST_NORMAL = 2 ** -1022;

/** The vanish sigmoid run: the textbook case where ‖dE/dh_t‖ underflows and then runs through the subnormals. */
const args = ['vanish', '--setup', 'sigmoid', '--no-jacobians', '--steps', '200', '--hidden', '20'];

describe('vanish --setup sigmoid: each kind of zero and the subnormals, named alike in every output', () => {
  let json: {
    grad_h_norms: number[];
    grad_weight_hh_step_norms: number[];
    zeros: Record<string, { structural_zero_steps: number[]; underflow_steps: number[]; other_zero_steps: number[]; subnormal_steps: number[] }>;
  };
  let underflowH: number[];
  let subnormalH: number[];
  beforeAll(async () => {
    json = JSON.parse(await run([...args, '--json']));
    underflowH = steps(json.grad_h_norms, (v) => v === 0);
    subnormalH = steps(json.grad_h_norms, (v) => v > 0 && v < SMALLEST_NORMAL);
  });

  it('the run has all three things to tell apart (else this test would test nothing)', () => {
    expect(underflowH.length).toBeGreaterThan(0);
    expect(subnormalH.length).toBeGreaterThan(0);
    expect(json.grad_weight_hh_step_norms[0]).toBe(0); // h_0 = 0
  });

  it('--json: the zeros object lists the steps of each kind, from the raw numbers and the maths', () => {
    // The bound ‖dE/dh_T‖·(γσ_max)^(T−t) is > 0 by its formula: any 0 of it is underflow.
    const bound = (json as unknown as { bound: { grad_h_bound: number[] } }).bound.grad_h_bound;
    expect(json.zeros.grad_h_bound).toEqual({ structural_zero_steps: [], underflow_steps: steps(bound, (v) => v === 0), other_zero_steps: [], subnormal_steps: steps(bound, (v) => v > 0 && v < SMALLEST_NORMAL) });
    expect(json.zeros.grad_h_norms).toEqual({ structural_zero_steps: [], underflow_steps: underflowH, other_zero_steps: [], subnormal_steps: subnormalH });
    const terms = json.grad_weight_hh_step_norms;
    expect(json.zeros.grad_weight_hh_step_norms).toEqual({
      structural_zero_steps: [1],
      underflow_steps: steps(terms, (v, t) => v === 0 && t > 1),
      other_zero_steps: [],
      subnormal_steps: steps(terms, (v) => v > 0 && v < SMALLEST_NORMAL),
    });
  });

  it('--csv: a (kind) column says underflow / subnormal per step, empty for normal numbers', async () => {
    const lines = (await run([...args, '--csv'])).trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['t', '‖dE/dh_t‖ (full gradient)', '‖dE/dh_t‖ (full gradient) (kind)']);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(200);
    rows.forEach(([t, value, kind], i) => {
      expect(Number(t)).toBe(i + 1);
      expect(Number(value)).toBe(json.grad_h_norms[i]);
      expect(kind).toBe(underflowH.includes(i + 1) ? 'underflow' : subnormalH.includes(i + 1) ? 'subnormal' : '');
    });
  });

  it('the terminal: the underflowed steps in a "0 (underflow)" band, step 1’s term in a "0 (structural)" band, notes for each', async () => {
    const out = await run(args);
    const [gradient, termsChart] = out.split('\n\n');
    const band = (chart: string, label: string) => chart.split('\n').find((line) => line.trimStart().startsWith(`${label} ┤`));
    expect(band(gradient, '0 (underflow)')).toBeDefined();
    expect(band(gradient, '0 (structural)')).toBeUndefined(); // no dE/dh_t is 0 by construction
    expect(gradient).toContain('below 2.2e-308: subnormal');
    expect(gradient).toContain('0 (underflow): the true value is above 0 but below 4.9e-324');
    expect(termsChart).toContain('Each step’s term of dE/dW_rec');
    // t = 1 is the first column: the structural band's first mark.
    expect(band(termsChart, '0 (structural)')!.split('┤')[1]).toMatch(/^●/);
    expect(termsChart).toContain('0 (structural): 0 by construction (term_1 = δ_1 h_0ᵀ and h_0 = 0)');
    // The sentences say the same, with the steps.
    const range = (s: number[]) => (s.length === 1 ? `${s[0]}` : `${s[0]}…${s[s.length - 1]}`);
    expect(out).toContain(`‖dE/dh_t‖ underflowed to exactly 0 at t = ${range(underflowH)}`);
    expect(out).toContain(`‖dE/dh_t‖ is subnormal at t = ${range(subnormalH)}`);
    expect(out).toContain('Step t’s term of dE/dW_hh is exactly 0 at t = 1 by construction');
    expect(out).not.toContain('< 1e-308');
  });

  it('--svg: one band per kind with its label, subnormals on the axis in the shaded region, legend notes', async () => {
    const file = join(dir, 'vanish.svg');
    await run([...args, '--svg', file]);
    const gradient = parseXml(readFileSync(file, 'utf8'));
    const terms = parseXml(readFileSync(join(dir, 'vanish-2.svg'), 'utf8'));
    const bands = (doc: Document) =>
      elements(doc, 'g')
        .filter((g) => g.getAttribute('class')?.startsWith('zero-band'))
        .map((g) => [g.getAttribute('class'), elements(g, 'text')[0].textContent]);
    // The bound (computed in log10, so known to be above 0) underflows too when converted: also underflow.
    expect(bands(gradient)).toEqual([['zero-band underflow', '0 (underflow)']]);
    expect(bands(terms)).toEqual([
      ['zero-band underflow', '0 (underflow)'],
      ['zero-band structural', '0 (structural)'],
    ]);
    const notes = (doc: Document) => elements(doc, 'text').filter((t) => t.getAttribute('class') === 'kind-note').map((t) => t.getAttribute('data-kind'));
    expect(notes(gradient)).toEqual(['subnormal', 'underflow']);
    expect(notes(terms)).toEqual(['subnormal', 'underflow', 'structural']);
    expect(elements(gradient, 'rect').some((r) => r.getAttribute('class') === 'subnormal-region')).toBe(true);
  });

  it('--html: the numbers table names each step’s kind', async () => {
    const file = join(dir, 'vanish.html');
    await run([...args, '--html', file]);
    const page = readFileSync(file, 'utf8');
    const first = page.indexOf('<details open>');
    const rows = [...page.slice(first, page.indexOf('</details>', first)).matchAll(/<tr><td class="num">(\d+)<\/td><td class="num">([^<]*)<\/td>/g)];
    expect(rows).toHaveLength(200);
    for (const [, t, cell] of rows) {
      const step = Number(t);
      if (underflowH.includes(step)) expect(cell).toBe('0 (underflow)');
      else if (subnormalH.includes(step)) expect(cell).toMatch(/^\d\.\d\de-3\d\d \(subnormal\)$/);
      else expect(cell).not.toMatch(/subnormal|underflow|structural/);
    }
    expect(page).toContain('0 (structural): 0 by construction (term_1 = δ_1 h_0ᵀ and h_0 = 0)');
  });
});

describe('linear --rho 0: W_rec = 0, so dE/dh_t = 0 for t < T by construction', () => {
  const linear = ['linear', '--rho', '0,0.5', '--steps', '6', '--hidden', '4'];
  it('--json and --csv call them structural, and the ρ = 0.5 curve has no zero', async () => {
    const json = JSON.parse(await run([...linear, '--json'])) as { curves: { rho: number; grad_h_norms: number[]; zeros: { grad_h_norms: Record<string, number[]> } }[] };
    const [zero, half] = json.curves;
    expect(zero.grad_h_norms.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(zero.grad_h_norms[5]).toBeGreaterThan(0);
    expect(zero.zeros.grad_h_norms).toEqual({ structural_zero_steps: [1, 2, 3, 4, 5], underflow_steps: [], other_zero_steps: [], subnormal_steps: [] });
    expect(half.zeros.grad_h_norms).toEqual({ structural_zero_steps: [], underflow_steps: [], other_zero_steps: [], subnormal_steps: [] });
    const csv = (await run([...linear, '--csv'])).trimEnd().split('\n');
    expect(csv[0]).toBe('t,ρ = 0,ρ = 0 (kind),ρ = 0.5');
    expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(['structural', 'structural', 'structural', 'structural', 'structural', '']);
    const terminal = await run(linear);
    expect(terminal).toContain('0 (structural): 0 by construction (ρ = 0: W_rec = 0)');
    // The table's ‖dE/dh_1‖ cell says what kind of 0 it is too.
    expect(terminal).toMatch(/^ *0 +0 \(structural\) +0 /m);
  });
});
