import { describe, expect, it } from 'vitest';
import { figureToCsv, toCsv } from '../src/render/csv.js';
import { toJsonText } from '../src/render/json.js';

describe('toJsonText', () => {
  it('is valid JSON that reads back to the same numbers; zeros stay 0', () => {
    const data = { loss: 0.25, grad_h_norms: [1, 1e-5, 0, 1e-320], nested: { ok: true, name: 'a"b' } };
    expect(JSON.parse(toJsonText(data))).toEqual(data);
  });
  it('writes NaN and ±Infinity as strings, which JSON can hold', () => {
    const text = toJsonText({ v: [NaN, Infinity, -Infinity, 1] });
    expect(JSON.parse(text)).toEqual({ v: ['NaN', 'Infinity', '-Infinity', 1] });
    expect(Number('Infinity')).toBe(Infinity); // and they read back with Number()
  });
  it('is pretty-printed, with number arrays on one line and matrices a row per line', () => {
    const text = toJsonText({ t: [1, 2, 3], w: [[1, 2], [3, 4]], f: new Float64Array([0.5]) });
    expect(text).toBe('{\n  "t": [1, 2, 3],\n  "w": [\n    [1, 2],\n    [3, 4]\n  ],\n  "f": [0.5]\n}\n');
  });
  it('drops undefined fields and handles empty containers', () => {
    expect(JSON.parse(toJsonText({ a: undefined, b: [], c: {} }))).toEqual({ b: [], c: {} });
  });
});

describe('CSV', () => {
  it('has a header and one row per t, numbers exact', () => {
    const csv = figureToCsv({
      kind: 'line',
      title: 'x',
      xLabel: 't',
      yLabel: 'n',
      x: [1, 2, 3],
      series: [
        { name: 'tanh RNN', values: [0.5, 0, 1e-320] },
        { name: 'bound, dashed', values: [1, 0.1, Infinity], style: 'bound' },
      ],
    });
    // A series with a zero or a subnormal gets a "(kind)" column saying what each such value is.
    expect(csv).toBe('t,tanh RNN,tanh RNN (kind),"bound, dashed"\n1,0.5,,1\n2,0,zero,0.1\n3,1e-320,subnormal,Infinity\n');
  });
  it('names each kind of zero the experiment knows in the (kind) column', () => {
    const csv = figureToCsv({
      kind: 'line',
      title: 'x',
      xLabel: 't',
      yLabel: 'n',
      x: [1, 2, 3, 4, 5],
      series: [
        { name: 'term', values: [0, 0, 0, 5e-324, 2], zeros: { structural: [0], why: 'h_0 = 0', underflow: [1] } },
        { name: 'plain', values: [1, 2, 3, 4, 5] },
      ],
    });
    expect(csv).toBe('t,term,term (kind),plain\n1,0,structural,1\n2,0,underflow,2\n3,0,zero,3\n4,5e-324,subnormal,4\n5,2,,5\n');
  });
  it('writes a heatmap one row per cell', () => {
    const csv = figureToCsv({ kind: 'heatmap', title: '', xLabel: 'w', yLabel: 'b', valueLabel: 'g', x: [0, 1], y: [5], values: [[2, 3]] });
    expect(csv).toBe('w,b,g\n0,5,2\n1,5,3\n');
  });
  it('quotes fields with quotes, commas and line breaks', () => {
    expect(toCsv(['a'], [['say "hi"'], ['x\ny'], [' pad']])).toBe('a\n"say ""hi"""\n"x\ny"\n" pad"\n');
  });
  it('has nothing for text', () => {
    expect(figureToCsv({ kind: 'text', lines: ['hi'] })).toBeNull();
  });
});
