// Every series a terminal chart lists in its legend has marks on the chart, in the real commands'
// output: the curves that used to hide (vanish's ‖dE/dh_t‖ under ‖dh_T/dh_t‖₂, lstm's direct paths,
// train's tanh RNN under the baseline) included. Counted from the printed text, glyph by glyph.
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import { fakeIo } from './helpers.js';

interface Chart {
  readonly title: string;
  /** The cells of the plot rows, joined. */
  readonly body: string;
  /** Each legend item: its glyph and name. */
  readonly legend: readonly { readonly glyph: string; readonly name: string }[];
}

/** The line charts of a command's terminal output. */
function charts(out: string): Chart[] {
  return out
    .split('\n\n')
    .filter((block) => block.includes('└'))
    .map((block) => {
      const lines = block.split('\n');
      const axis = lines.findIndex((line) => line.includes('└'));
      const body = lines
        .slice(0, axis)
        .filter((line) => /[┤│┊]/.test(line))
        .map((line) => line.slice(line.search(/[┤│┊]/) + 1))
        .join('');
      const legend = lines
        .slice(axis + 2)
        // The notes under the legend say what the bands and the shaded region are; they are not series.
        .filter((line) => !/^\s*(0 \((underflow|structural)\):|0: exactly 0|below 2\.2e-308: subnormal|> 1\.8e308: overflow)/.test(line))
        .flatMap((line) => line.trim().split(/ {3,}/))
        .map((item) => ({ glyph: [...item][0], name: item.slice(item.indexOf(' ') + 1) }));
      return { title: lines[0], body, legend };
    });
}

async function terminalOutput(args: string[]): Promise<string> {
  const io = fakeIo();
  expect(await main(args, io, registry)).toBe(0);
  return io.out();
}

describe('every series in a legend has marks on the terminal chart', () => {
  it.each([
    [['tour']],
    [['vanish', '--steps', '80', '--hidden', '12']],
    [['vanish', '--setup', 'basic-tanh', '--steps', '80', '--hidden', '12']],
    [['lstm', '--steps', '80', '--hidden', '12']],
    [['linear', '--steps', '60', '--hidden', '8']],
    [['long', '--steps', '200', '--hidden', '16']],
    [['train', '--seq-len', '10', '--iterations', '40', '--hidden', '8', '--batch', '16', '--eval-size', '64']],
    [['train', '--task', 'copy', '--iterations', '40', '--hidden', '8', '--batch', '16', '--eval-size', '64']],
  ])('%j', async (args) => {
    const found = charts(await terminalOutput(args));
    expect(found.length).toBeGreaterThan(0);
    for (const chart of found) {
      const glyphs = chart.legend.map((item) => item.glyph);
      expect(new Set(glyphs).size, `${chart.title}: one glyph per series`).toBe(glyphs.length);
      for (const { glyph, name } of chart.legend) {
        const marks = [...chart.body].filter((c) => c === glyph).length;
        expect(marks, `${chart.title}: ${name} (${glyph})`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
