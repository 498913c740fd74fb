// Every branch a command chooses between, run in-process as a user would: the sentence it prints must be
// the one the numbers of the same run call for, with those numbers in it. Each run is made twice, with
// and without --json (same seed, same numbers); the expected branch and figures are worked out here from
// the JSON's raw numbers (max and median of the grid, ratios of rates, …), not taken from the program.
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import { fakeIo } from './helpers.js';

async function run(args: readonly string[]): Promise<string> {
  const io = fakeIo();
  const code = await main([...args], io, registry);
  expect(code, io.err()).toBe(0);
  return io.out();
}

/** The terminal text and the JSON of one run. */
async function both<T>(args: readonly string[]): Promise<{ text: string; json: T }> {
  return { text: await run(args), json: JSON.parse(await run([...args, '--json'])) as T };
}

/** The one printed line that matches, and its captured groups. */
function line(text: string, pattern: RegExp): RegExpExecArray {
  const found = text.split('\n').map((l) => pattern.exec(l)).filter((m) => m !== null);
  expect(found, `one line matching ${pattern}`).toHaveLength(1);
  return found[0]!;
}

/** A printed number (3 significant digits: "2.37", "8.58e14", "-7.83e-3") shows the true value. */
function expectShown(printed: string, value: number) {
  const shown = Number(printed);
  expect(Number.isFinite(shown), printed).toBe(true);
  expect(Math.abs(shown - value), `${printed} shows ${value}`).toBeLessThanOrEqual(0.005 * Math.abs(value) + 1e-300);
}
const N = '(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)'; // one printed number

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

describe('explode: the headline is the grid’s own ratio; the bisected edge is a separate, labelled number', () => {
  interface Explode {
    w: number[];
    b: number[];
    grad_norms: number[][];
    edge: { w: number; b: number; grad_norm: number } | null;
    clipping: { at: string; threshold: number; norm_before: number; norm_after: number };
  }

  it('with a cliff in range: the grid ratio, then the edge as a point off the grid, then clipping at the edge', async () => {
    const { text, json } = await both<Explode>(['explode', '--steps', '20', '--resolution', '21']);
    const grid = json.grad_norms.flat();
    const [max, med] = [Math.max(...grid), median(grid)];
    const head = line(text, new RegExp(`^On the grid the largest ‖∇E‖ is ${N} at .*, ${N} times the grid’s median(.*)\\.$`));
    expectShown(head[1], max);
    expectShown(head[2], max / med);
    expect(head[3]).toBe(max / med >= 10 ? `: a gradient step there is ${head[2]} times longer than at a typical point of the grid` : ': no cliff stands out on this grid');
    // The table's headline row is the same grid figure, not the edge's.
    expectShown(line(text, new RegExp(`^largest / median \\(grid\\) +${N}$`))[1], max / med);
    expect(json.edge).not.toBeNull();
    const edge = json.edge!;
    // The edge is off the grid (its b between two rows) and steeper than any grid point.
    expect(json.b.includes(edge.b)).toBe(false);
    expect(edge.grad_norm).toBeGreaterThan(max);
    const said = line(text, new RegExp(`^Bisecting b between two grid rows .* finds ‖∇E‖ = ${N} at .*, a point off the grid, ${N}× the grid’s median: a grid only samples the cliff\\.$`));
    expectShown(said[1], edge.grad_norm);
    expectShown(said[2], edge.grad_norm / med);
    expectShown(line(text, new RegExp(`^‖∇E‖ at the bisected edge \\(off the grid\\) +${N}$`))[1], edge.grad_norm);
    // Clipping where the gradient is steepest, the edge; it is above the threshold, so it is rescaled.
    expect(json.clipping.at).toBe('edge');
    expect(edge.grad_norm).toBeGreaterThan(json.clipping.threshold);
    line(text, /^Clipping \(threshold 1\.00\) turns ‖g‖ = .* at the bisected edge into 1\.00, the same direction: /);
  });

  it('with no cliff in range: no edge, no bisection claimed, clipping at the grid’s largest point', async () => {
    const { text, json } = await both<Explode>(['explode', '--steps', '20', '--resolution', '21', '--w-min', '-2', '--w-max', '0']);
    const grid = json.grad_norms.flat();
    const [max, med] = [Math.max(...grid), median(grid)];
    expect(json.edge).toBeNull();
    const head = line(text, new RegExp(`^On the grid the largest ‖∇E‖ is ${N} at .*, ${N} times the grid’s median(.*)\\.$`));
    expectShown(head[2], max / med);
    expect(max / med).toBeLessThan(10);
    expect(head[3]).toBe(': no cliff stands out on this grid');
    line(text, /^No column of the grid has x_T jump by 1 or more between neighbouring rows: there is no cliff to bisect in this range\.$/);
    expect(text).not.toContain('Bisecting');
    expect(line(text, /^‖∇E‖ at the bisected edge \(off the grid\) +(.*)$/)[1]).toBe('—');
    expect(json.clipping.at).toBe('grid');
    expect(max).toBeLessThan(1); // below the threshold: clipping must leave it alone
    const clip = line(text, new RegExp(`^Clipping \\(threshold 1\\.00\\) leaves ‖g‖ = ${N} at the grid’s largest point as it is: it is not above the threshold\\.$`));
    expectShown(clip[1], max);
  });
});

describe('long: the LSTM against the tanh RNN, faster, slower, about as fast, or not shrinking', () => {
  interface Long {
    rnn_fit: { decades_per_step: number };
    lstm_fit: { decades_per_step: number };
  }
  const sentence = new RegExp('^The LSTM’s full cell-state gradient (.*)$');

  it.each([
    ['slower', '1'],
    ['faster', '-2'],
    ['about as fast', '0'],
    ['not shrinking', '10'],
  ])('%s (forget bias %s)', async (branch, bias) => {
    const { text, json } = await both<Long>(['long', '--steps', '200', '--hidden', '16', '--forget-bias', bias]);
    const [rnn, lstm] = [json.rnn_fit.decades_per_step, json.lstm_fit.decades_per_step];
    expect(rnn).toBeLessThan(0); // the tanh RNN shrinks in all four
    const said = line(text, sentence)[1];
    if (lstm >= 0) {
      expect(branch).toBe('not shrinking');
      const m = new RegExp(`^does not shrink going back \\(${N} decades per step\\), unlike the tanh RNN \\(${N}\\)\\.$`).exec(said)!;
      expectShown(m[1], lstm);
      expectShown(m[2], rnn);
      return;
    }
    const m = new RegExp(`^loses ${N} decades per step: (?:${N}× (slower|faster) than|(about as fast as)) the tanh RNN\\.$`).exec(said);
    expect(m, said).not.toBeNull();
    expectShown(m![1], -lstm);
    expect(Number(m![1])).toBeGreaterThan(0); // never "loses -7.83e-3 decades"
    const ratio = rnn / lstm; // > 1: the LSTM loses less per step, so it is slower
    if (Math.abs(ratio - 1) <= 0.05) {
      expect(branch).toBe('about as fast');
      expect(m![4]).toBe('about as fast as');
    } else if (ratio > 1) {
      expect(branch).toBe('slower');
      expect(m![3]).toBe('slower');
      expectShown(m![2], ratio);
    } else {
      expect(branch).toBe('faster');
      expect(m![3]).toBe('faster');
      expectShown(m![2], 1 / ratio);
    }
    if (m![2] !== undefined) expect(Number(m![2])).toBeGreaterThan(1); // never "0.290× slower"
  });
});

describe('tour: the sentences follow the run', () => {
  interface Rnn {
    sigma_max: number;
    gamma: number;
    spectral_radius: number;
    measured_decades_per_step: number;
    causes: { log10_spectral_radius: number; mean_log10_slope: number; rest: number };
  }
  interface Lstm {
    forget_bias: number;
    measured_decades_per_step: number;
    mean_forget_gate: number;
    grad_c_norms: number[];
    forget_path_norms: number[];
  }
  interface Tour {
    sigmoid_rnn: Rnn;
    tanh_rnn: Rnn;
    lstm: Lstm;
    lstm_forget_bias_0?: Lstm;
  }
  const args = ['tour', '--steps', '60', '--hidden', '12'];

  it('the bound: "had to vanish" only when γσ_max < 1, else "allows growth"', async () => {
    const { text, json } = await both<Tour>(args);
    for (const [name, r] of [['The textbook sigmoid RNN', json.sigmoid_rnn], ['The tanh RNN (same weights)', json.tanh_rnn]] as const) {
      const l = line(text, new RegExp(`^${name.replace(/[()]/g, '\\$&')}: `)).input;
      const forced = r.sigma_max * r.gamma < 1;
      expect(l.includes('It had to vanish: σ_max(W_rec) = ')).toBe(forced);
      expect(l.includes('the bound allows growth, so it cannot tell whether the gradient vanishes')).toBe(!forced);
    }
    // γ: 1/4 for the sigmoid, 1 for tanh (their largest slopes), independent of the program.
    expect(json.sigmoid_rnn.gamma).toBe(0.25);
    expect(json.tanh_rnn.gamma).toBe(1);
  });

  it('"most of the decay is …" names the most negative part of the split, which adds up to the measured rate', async () => {
    const { text, json } = await both<Tour>(args);
    for (const [who, r, slope] of [['σ′', json.sigmoid_rnn, 'σ′'], ['tanh′', json.tanh_rnn, 'tanh′']] as const) {
      const c = r.causes;
      expect(c.log10_spectral_radius + c.mean_log10_slope + c.rest).toBeCloseTo(r.measured_decades_per_step, 12);
      expect(c.log10_spectral_radius).toBeCloseTo(Math.log10(r.spectral_radius), 14);
      const l = line(text, new RegExp(`^Where the ${N} decades per step come from: log10 ρ = ${N} .*mean log10 ${who} = ${N}`));
      expectShown(l[1], r.measured_decades_per_step);
      const most = [c.log10_spectral_radius, c.mean_log10_slope, c.rest].indexOf(Math.min(c.log10_spectral_radius, c.mean_log10_slope, c.rest));
      const claim = ['Most of the decay is W_rec itself, ρ < 1', `Most of the decay is the activation’s slopes (mean log10 ${slope}`, 'Most of the decay is neither ρ nor the mean slope'][most];
      expect(l.input).toContain(claim);
    }
  });

  it('at its default forget bias the LSTM is compared with bias 0, and the claim follows the two rates', async () => {
    const { text, json } = await both<Tour>(args);
    const [at, zero] = [json.lstm, json.lstm_forget_bias_0!];
    expect(at.forget_bias).toBe(3);
    expect(zero.forget_bias).toBe(0);
    const l = line(text, new RegExp(`^The LSTM’s full ‖dE/dc_t‖ changes by ${N} decades per step at forget bias 0 \\(mean f = ${N}\\), (?:close to|against) the tanh RNN’s ${N}, and by ${N} at forget bias 3 \\(mean f = ${N}\\): (.*)$`));
    expectShown(l[1], zero.measured_decades_per_step);
    expectShown(l[4], at.measured_decades_per_step);
    const keeps = at.measured_decades_per_step > zero.measured_decades_per_step && at.mean_forget_gate > zero.mean_forget_gate;
    expect(l[6]).toBe(keeps ? 'the cell state keeps the gradient only as far as the forget bias holds f near 1.' : 'here the larger bias does not slow the decay.');
    // The ratio at t = 1, full over the forget-gate path, from the raw numbers.
    const ratio = at.grad_c_norms[0] / at.forget_path_norms[0];
    const said = line(text, new RegExp(`^At t = 1 the full gradient is ${N}× the forget-gate path: (.*)$`));
    expectShown(said[1], ratio);
    expect(ratio).toBeGreaterThanOrEqual(2); // this run's case; the other branches are vanish's test below
    expect(said[2].startsWith('most of it comes along the other paths')).toBe(true);
  });

  it('at a negative forget bias, bias 0 is the larger one, and the sentence says which way the rate went', async () => {
    const { text, json } = await both<Tour>([...args, '--forget-bias', '-3']);
    const [at, zero] = [json.lstm, json.lstm_forget_bias_0!];
    const l = line(text, new RegExp(`^The LSTM’s full ‖dE/dc_t‖ changes by ${N} decades per step at forget bias 0 .* and by ${N} at forget bias -3 \\(mean f = ${N}\\): (.*)$`));
    expectShown(l[1], zero.measured_decades_per_step);
    expectShown(l[2], at.measured_decades_per_step);
    expect(l[4]).not.toContain('larger bias'); // −3 is the smaller
    const faster = at.measured_decades_per_step < zero.measured_decades_per_step && at.mean_forget_gate < zero.mean_forget_gate;
    expect(faster).toBe(true); // σ(−3) ≈ 0.047 ≪ σ(0) = 0.5
    expect(l[4]).toBe('the negative bias pulls f toward 0, and the cell state loses the gradient faster.');
  });

  it('W_rec’s normality is said once; with T = 1 each RNN says its rate cannot be split, and nothing more', async () => {
    const { text, json } = await both<Tour>(args);
    const normal = json.tanh_rnn.sigma_max > 1.05 * json.tanh_rnn.spectral_radius;
    expect(text.split('\n').filter((l) => l.startsWith(normal ? 'W_rec is not normal: ' : 'σ_max = '))).toHaveLength(1);
    const one = await run(['tour', '--steps', '1', '--hidden', '6']);
    expect(one.split('\n').filter((l) => l.startsWith('Its rate cannot be split into causes: the measured rate is undefined'))).toHaveLength(2);
    expect(one).not.toMatch(/W_rec is not normal|Most of the decay|Ablation:/);
  });

  it('at forget bias 0 there is no second LSTM and no comparison across biases', async () => {
    const { text, json } = await both<Tour>([...args, '--forget-bias', '0']);
    expect(json.lstm_forget_bias_0).toBeUndefined();
    expect(text).not.toContain('changes by');
    expect(text).not.toContain('forget bias 3');
  });

  it('the footnote’s vanish command runs the same W_rec on the same sequence (same ρ and σ_max, to the last bit)', async () => {
    const { text, json } = await both<Tour>(args);
    const command = line(text, /chainrule (vanish --setup pytorch --activation identity [^ ].*?) runs the same ablation on the same W_rec and sequence, with biases added\.$/)[1];
    const vanish = JSON.parse(await run([...command.split(' '), '--no-jacobians', '--json'])) as {
      grad_h_norms: number[];
      bound: { spectral_radius: number; sigma_max: number };
    };
    expect(vanish.grad_h_norms).toHaveLength(60);
    expect(vanish.bound.spectral_radius).toBe(json.tanh_rnn.spectral_radius);
    expect(vanish.bound.sigma_max).toBe(json.tanh_rnn.sigma_max);
  });
});

describe('vanish --cell lstm | gru: the full gradient and the gate path side by side, in the chart and the JSON', () => {
  it.each([
    ['lstm', 'grad_c_norms', 'forget_path_norms', '‖dE/dc_t‖ (full gradient, cell state)', 'forget-gate path ‖(Πf)⊙dE/dc_T‖', 'forget-gate path'],
    ['gru', 'grad_h_norms', 'update_path_norms', '‖dE/dh_t‖ (full gradient)', 'update-gate path ‖(Πz)⊙dE/dh_T‖', 'update-gate path'],
  ])('%s', async (cell, fullKey, pathKey, fullName, pathName, pathWords) => {
    // (An LSTM's Jacobian norms are not computed, so --no-jacobians is for the GRU only.)
    const { text, json } = await both<Record<string, number[]>>(['vanish', '--cell', cell, '--steps', '40', '--hidden', '8', ...(cell === 'gru' ? ['--no-jacobians'] : [])]);
    const [full, path] = [json[fullKey], json[pathKey]];
    expect(path).toHaveLength(40);
    // t = T: the empty product, the path is the full gradient itself.
    expect(path[39]).toBe(full[39]);
    // The chart's legend names both, each with its glyph, and each has marks on the chart.
    const chart = text.split('\n\n')[0];
    const legend = chart.split('\n').slice(chart.split('\n').findIndex((l) => l.includes('└')) + 2).join('\n');
    expect(legend).toContain(fullName);
    expect(legend).toContain(pathName);
    const glyphOf = (name: string) => {
      const at = legend.indexOf(name);
      return legend.slice(0, at).trimEnd().split(/\s+/).at(-1)![0];
    };
    const body = chart.split('\n').filter((l) => /[┤│]/.test(l)).map((l) => l.slice(l.search(/[┤│]/) + 1)).join('');
    for (const name of [fullName, pathName]) expect([...body].filter((c) => c === glyphOf(name)).length, name).toBeGreaterThanOrEqual(3);
    // The sentence about t = 1 follows the ratio of the two raw numbers.
    const ratio = full[0] / path[0];
    const said = line(text, new RegExp(`^At t = 1 the full gradient is (?:within 10% of the ${pathWords} \\()?${N}×(?: the ${pathWords})?\\)?: (.*)$`));
    expectShown(said[1], ratio);
    const expected = ratio >= 2 ? 'most of it comes along the other paths' : ratio >= 1.1 ? 'the other paths, from' : ratio <= 1 / 1.1 ? 'the other paths, back through W_hh, partly cancel it' : 'the other paths, back through W_hh, add little';
    expect(said[2].startsWith(expected), said[2]).toBe(true);
  });
});

describe('vanish with nothing to measure: no rate, no split, no comparison is concluded from NaN', () => {
  it('--steps 1', async () => {
    const text = await run(['vanish', '--steps', '1', '--hidden', '6']);
    line(text, /^The RNN: with T = 1 there is no step back to measure a rate on\. With T = 1 Pascanu’s bound has no step back to bound\.$/);
    line(text, /^Its rate cannot be split into causes: the measured rate is undefined/);
    expect(text).not.toMatch(/Most of the decay|Ablation:|within .*% of the measured|it had to vanish/i);
    expect(text).not.toMatch(/\bNaN\b/);
  });
});

describe('vanish: the share of the past is not drawn from a structural zero', () => {
  it.each([['2'], ['3']])('--steps %s: the first half is step 1 alone, 0 by construction', async (steps) => {
    const { text, json } = await both<{ grad_weight_hh_step_norms: number[] }>(['vanish', '--cell', 'gru', '--steps', steps, '--hidden', '4', '--no-jacobians']);
    expect(json.grad_weight_hh_step_norms[0]).toBe(0);
    line(text, new RegExp(`^With T = ${steps} the first half of the sequence is step 1 alone, whose term of dE/dW_hh is 0 by construction \\(h_0 = 0\\): no share of the past is computed\\.$`));
    expect(text).not.toMatch(/contributes .*% of Σ_t|barely moves W_rec/);
  });
  it('--steps 4: the first half is steps 1–2, and its share is step 2’s term over the sum', async () => {
    const { text, json } = await both<{ grad_weight_hh_step_norms: number[] }>(['vanish', '--cell', 'gru', '--steps', '4', '--hidden', '4', '--no-jacobians']);
    const terms = json.grad_weight_hh_step_norms;
    const share = (terms[0] + terms[1]) / terms.reduce((a, b) => a + b, 0);
    expectShown(line(text, new RegExp(`^The first half of the sequence \\(t = 1…2\\) contributes ${N}% of Σ_t ‖term_t‖`))[1], 100 * share);
  });
});

describe('vanish with a ReLU: a slope is exactly 0, so its log is −∞ and the rate is not split', () => {
  it('--setup pytorch --activation relu', async () => {
    const io = fakeIo();
    expect(await main(['vanish', '--setup', 'pytorch', '--activation', 'relu', '--steps', '60', '--hidden', '12', '--no-jacobians'], io, registry)).toBe(0);
    const text = io.out();
    const json = JSON.parse(await run(['vanish', '--setup', 'pytorch', '--activation', 'relu', '--steps', '60', '--hidden', '12', '--no-jacobians', '--json'])) as {
      bound: { causes: { mean_log10_slope: number | string } };
    };
    // JSON writes −∞ as the string "-Infinity": the mean of log10 relu′ over slopes some of which are 0.
    expect(json.bound.causes.mean_log10_slope).toBe('-Infinity');
    line(text, /^Its rate cannot be split into causes: mean log10 relu′ is .*: some relu′ is exactly 0 \(an inactive ReLU unit\)\.$/);
    expect(text).not.toMatch(/Most of the decay|Where the .* decades per step come from/);
    expect(line(text, /^ {2}of which mean log10 act′ +(.*)$/)[1]).toBe('−∞ (log10 of 0)');
    expect(line(text, /^ {2}of which the rest +(.*)$/)[1]).toBe('n/a');
    // stderr names the −∞ without calling it an overflow.
    expect(io.err()).toContain('bound.causes.mean_log10_slope is -Infinity');
    expect(io.err()).not.toContain('overflow');
  });
});

describe('linear: vanishes, stays or grows as ‖dE/dh_1‖ / ‖dE/dh_T‖ says; nothing compared where the state overflows', () => {
  interface Linear {
    curves: { rho: number; grad_h_norms: number[]; compared_steps: number; max_relative_error: number }[];
  }
  it('ρ = 0.9, 1, 1.1', async () => {
    const { text, json } = await both<Linear>(['linear', '--steps', '50', '--hidden', '8']);
    const l = line(text, /^Over the 50 steps: (.*)\.$/)[1].split('; ');
    json.curves.forEach((c, k) => {
      const r = c.grad_h_norms[0] / c.grad_h_norms[49];
      // The exact linear case: the ratio is ρ^(T−1), to rounding.
      expect(Math.abs(r - c.rho ** 49)).toBeLessThanOrEqual(1e-12 * c.rho ** 49);
      const m = new RegExp(`^ρ = ${c.rho}: ‖dE/dh_1‖ / ‖dE/dh_T‖ = ${N}, it (vanishes|stays|grows)$`).exec(l[k])!;
      expectShown(m[1], r);
      expect(m[2]).toBe(Math.abs(r - 1) <= 1e-9 ? 'stays' : r < 1 ? 'vanishes' : 'grows');
    });
    const worst = Math.max(...json.curves.map((c) => c.max_relative_error));
    expectShown(line(text, new RegExp(`^Backprop matches ρ\\^\\(T−k\\)·‖dE/dh_T‖ to ${N} \\(relative\\)`))[1], worst);
  });

  it('ρ = 10 over 400 steps: the state overflows, so no match is claimed and no ratio is drawn', async () => {
    const io = fakeIo();
    expect(await main(['linear', '--rho', '10', '--steps', '400', '--hidden', '8'], io, registry)).toBe(0);
    const text = io.out();
    expect(io.err()).toMatch(/warning: .* is NaN/); // named on stderr, as always
    line(text, /^At ρ = 10 the state h_t itself overflows float64 from t = \d+ on, .*nothing is compared\.$/);
    expect(text).not.toContain('Backprop matches');
    line(text, /^Over the 400 steps: ρ = 10: not finite\.$/);
  });
});

describe('lstm: the sweep’s sentences follow the rates of the same run', () => {
  interface Sweep {
    curves: { forget_bias: number; forget_path_decades_per_step: number; full_decades_per_step: number; log10_mean_forget_gate: number; grad_c_norms: number[]; forget_path_norms: number[] }[];
  }
  it('path against log10(mean f), the bias ordering, and the ratio at t = 1', async () => {
    const { text, json } = await both<Sweep>(['lstm', '--steps', '60', '--hidden', '8']);
    const c = json.curves;
    const off = c.map((k) => Math.abs(k.forget_path_decades_per_step - k.log10_mean_forget_gate) / Math.abs(k.log10_mean_forget_gate));
    const first = line(text, /^The forget-gate path (falls at a rate within 30% of log10\(mean f\) per step|’s rate is not always near log10\(mean f\))/);
    expect(first[1].startsWith('falls at a rate within 30%')).toBe(Math.max(...off) <= 0.3);
    c.forEach((k, i) => {
      const m = new RegExp(`bias ${k.forget_bias}: ${N} against ${N} \\(${N}% off\\)`).exec(first.input)!;
      expectShown(m[1], k.forget_path_decades_per_step);
      expectShown(m[2], k.log10_mean_forget_gate);
      expect(Math.abs(Number(m[3]) - 100 * off[i])).toBeLessThanOrEqual(0.05 * 100 * off[i]);
    });
    const rising = (key: 'forget_path_decades_per_step' | 'full_decades_per_step') => c.every((k, i) => i === 0 || k[key] > c[i - 1][key]);
    const order = line(text, /^(A larger forget bias .*|In this sweep a larger forget bias .*)$/)[1];
    expect(order.includes('along the path and in full')).toBe(rising('forget_path_decades_per_step') && rising('full_decades_per_step'));
    const ratios = c.map((k) => k.grad_c_norms[0] / k.forget_path_norms[0]);
    const at1 = line(text, /^At t = 1 the full gradient (is above|is below|against) the forget-gate path/);
    expect(at1[1]).toBe(ratios.every((r) => r >= 1.1) ? 'is above' : ratios.every((r) => r <= 1 / 1.1) ? 'is below' : 'against');
    ratios.forEach((r, i) => expectShown(new RegExp(`${N}× at bias ${c[i].forget_bias}`).exec(at1.input)![1], r));
  });
});
