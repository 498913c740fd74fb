// The program in-process with a fake terminal: exit codes, output modes, files, errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { defineCommand } from '../src/framework/command.js';
import { UsageError } from '../src/framework/errors.js';
import { positiveInt } from '../src/framework/flags.js';
import type { Registry } from '../src/framework/help.js';
import { main } from '../src/framework/main.js';
import { elements, fakeIo, parseXml } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const testRegistry: Registry = {
  defaultCommand: 'ok',
  commands: [
    defineCommand({
      name: 'ok',
      summary: 'a line plot of n values',
      flags: { n: positiveInt({ description: 'points', default: 3 }) },
      run: ({ n }, { seed, progress }) => {
        const bar = progress('work', n);
        bar.tick(n);
        bar.stop();
        const x = Array.from({ length: n }, (_, i) => i + 1);
        return {
          data: { seed, values: x.map((t) => 10 ** -t), zero: 0 },
          figures: [
            { kind: 'line', title: 'decay', xLabel: 't', yLabel: 'v', x, series: [{ name: 'v', values: x.map((t) => 10 ** -t) }] },
            { kind: 'heatmap', title: 'grid', xLabel: 'w', yLabel: 'b', valueLabel: 'g', x: [0, 1], y: [0], values: [[1, 2]] },
          ],
        };
      },
    }),
    defineCommand({
      name: 'boom',
      summary: 'throws',
      flags: {},
      run: () => {
        throw new Error('kaput\nsecond line');
      },
    }),
    defineCommand({
      name: 'refuse',
      summary: 'bad input found while running',
      flags: {},
      run: () => {
        throw new UsageError('--model m.json: state_dict is missing "weight_hh"');
      },
    }),
  ],
};

async function run(args: string[], options: Parameters<typeof fakeIo>[0] = {}, reg = testRegistry) {
  const io = fakeIo(options);
  const code = await main(args, io, reg, '1.2.3');
  return { code, out: io.out(), err: io.err() };
}

describe('main', () => {
  it('runs the default command with no arguments, and with flags only', async () => {
    expect((await run([])).out).toContain('decay');
    const r = await run(['--n', '2', '--json']);
    expect(JSON.parse(r.out).values).toEqual([0.1, 0.01]);
  });

  it('prints JSON (zeros stay 0), CSV, or the terminal figures', async () => {
    const json = await run(['ok', '--json', '--seed', '7']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ seed: 7, values: [0.1, 0.01, 0.001], zero: 0 });
    const csv = await run(['ok', '--csv']);
    expect(csv.out).toBe('t,v\n1,0.1\n2,0.01\n3,0.001\n');
    const term = await run(['ok']);
    expect(term.out).toContain('v (log scale)');
    expect(term.out).toContain('g (log scale) over w');
    expect(term.out).not.toContain('\u001b['); // not a terminal: no colour
  });

  it('colours on a terminal unless NO_COLOR is set; progress only on a terminal and not with --json', async () => {
    const tty = await run(['ok'], { tty: true });
    expect(tty.out).toContain('\u001b[');
    expect(tty.err).toContain('work');
    expect((await run(['ok'], { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
    expect((await run(['ok', '--json'], { tty: true })).err).toBe('');
    expect((await run(['ok'])).err).toBe('');
    expect((await run(['ok'], { tty: true, env: { TERM: 'dumb' } })).err).toBe('');
    expect((await run(['ok'], { tty: true, env: { TERM: 'dumb' } })).out).not.toContain('\u001b[');
    expect((await run(['ok'], { env: { FORCE_COLOR: '1' } })).out).toContain('\u001b[');
  });

  it('writes --svg (one file per plot) and --html', async () => {
    const svg = join(dir, 'plot.svg');
    const html = join(dir, 'page.html');
    const r = await run(['ok', '--svg', svg, '--html', html]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`wrote ${svg}\nwrote ${join(dir, 'plot-2.svg')}\nwrote ${html}\n`);
    expect(() => parseXml(readFileSync(svg, 'utf8'))).not.toThrow();
    expect(readFileSync(join(dir, 'plot-2.svg'), 'utf8')).toContain('grid');
    expect(readFileSync(html, 'utf8')).toContain('<code>chainrule ok --svg');
  });

  it('shows help for the program and each command, exit 0', async () => {
    const program = await run(['--help']);
    expect(program.code).toBe(0);
    expect(program.out).toMatch(/ok +a line plot of n values \(the default\)/);
    expect(program.out).toContain('--svg FILE');
    const command = await run(['ok', '--help']);
    expect(command.out).toMatch(/--n N +points \(a positive integer; default 3\)/);
    expect((await run(['help', 'ok'])).out).toBe(command.out);
    expect((await run(['--version'])).out).toBe('1.2.3\n');
  });

  it('exits 2 with one line naming the problem', async () => {
    const cases: [string[], string][] = [
      [['nope'], 'chainrule: unknown command "nope"; commands: ok, boom, refuse\n'],
      [['oj'], 'chainrule: unknown command "oj" (did you mean ok?); commands: ok, boom, refuse\n'],
      [['ok', '--n', '0'], 'chainrule ok: --n must be a positive integer, got "0"\n'],
      [['ok', '--json', '--csv'], 'chainrule ok: --json and --csv cannot be combined: choose one\n'],
      [['ok', '--svg', join(dir, 'no/such/dir/p.svg')], `chainrule ok: --svg: cannot write ${join(dir, 'no/such/dir/p.svg')}: the folder ${join(dir, 'no/such/dir')} does not exist\n`],
      [['ok', '--html', dir], `chainrule ok: --html: ${dir} is a folder; give a file name\n`],
      [['refuse'], 'chainrule refuse: --model m.json: state_dict is missing "weight_hh"\n'],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toBe(message);
      expect(r.out).toBe('');
    }
  });

  it('exits 1 on a bug with one line, and the stack only with CHAINRULE_DEBUG=1', async () => {
    const r = await run(['boom']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('chainrule boom: internal error: kaput second line (this is a bug; CHAINRULE_DEBUG=1 shows the stack)\n');
    const debug = await run(['boom'], { env: { CHAINRULE_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^chainrule boom: internal error\nError: kaput\nsecond line\n\s+at /);
  });

  it('does not write files when the run fails', async () => {
    const svg = join(dir, 'never.svg');
    expect((await run(['boom', '--svg', svg])).code).toBe(1);
    expect(existsSync(svg)).toBe(false);
  });
});

/** Small sizes for every command, so the whole set runs in seconds. A new command must add a line. */
const smallFlags: Record<string, string[]> = {
  tour: ['--steps', '30', '--hidden', '6'],
  vanish: ['--steps', '30', '--hidden', '6'],
  linear: ['--steps', '30', '--hidden', '6'],
  explode: ['--steps', '20', '--resolution', '9'],
  lstm: ['--steps', '30', '--hidden', '6'],
  long: ['--steps', '60', '--hidden', '12'],
  graph: ['--steps', '4'],
  train: ['--seq-len', '6', '--iterations', '3', '--hidden', '4'],
  remedies: ['--lengths', '10', '--seeds', '1', '--iterations', '3', '--hidden', '4', '--eval-size', '20'],
  'first-gradient': [],
  'check-files': ['--model', join(import.meta.dirname, '../examples/gru.model.json')],
};

describe('the real commands', () => {
  it('every command runs (small sizes) and exits 0, in every output mode it takes', async () => {
    for (const command of registry.commands) {
      const args = smallFlags[command.name];
      expect(args, `add small flags for ${command.name} to smallFlags`).toBeDefined();
      const modes = [[], ...(['json', 'csv'] as const).filter((o) => command.outputs.includes(o)).map((o) => [`--${o}`])];
      for (const mode of modes) {
        const r = await run([command.name, ...args, ...mode], {}, registry);
        expect(r.err, `${command.name} ${mode.join(' ')}`).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).not.toMatch(/NaN|Infinity/);
        if (mode[0] === '--json') expect(() => JSON.parse(r.out)).not.toThrow();
      }
    }
  });

  it('every output flag works where the command’s --help lists it, and is refused in one line elsewhere', async () => {
    for (const command of registry.commands) {
      const help = (await run([command.name, '--help'], {}, registry)).out;
      for (const flag of ['json', 'csv', 'svg', 'html'] as const) {
        const listed = new RegExp(`^  --${flag}\\b`, 'm').test(help);
        expect(listed, `${command.name} --help and --${flag}`).toBe(command.outputs.includes(flag));
        const path = join(dir, `${command.name}-${flag}.${flag}`);
        const r = await run([command.name, ...smallFlags[command.name], ...(flag === 'svg' || flag === 'html' ? [`--${flag}`, path] : [`--${flag}`])], {}, registry);
        if (listed) {
          expect(r.code, `${command.name} --${flag}: ${r.err}`).toBe(0);
          if (flag === 'svg') expect(() => parseXml(readFileSync(path, 'utf8'))).not.toThrow();
          if (flag === 'html') expect(readFileSync(path, 'utf8')).toMatch(/^<!DOCTYPE html>/);
        } else {
          expect(r.code).toBe(2);
          expect(r.err).toMatch(new RegExp(`^chainrule ${command.name}: --${flag}: ${command.name} .*; it takes --json`));
          expect(existsSync(path)).toBe(false);
        }
      }
    }
  });

  it('graph draws the unrolled graph with Graphviz: one SVG node per op, the source kept whole in the page', async () => {
    const svg = join(dir, 'graph.svg');
    const html = join(dir, 'graph.html');
    const r = await run(['graph', '--steps', '3', '--svg', svg, '--html', html], {}, registry);
    expect(r.code).toBe(0);
    const nodes = elements(parseXml(readFileSync(svg, 'utf8')), 'g').filter((g) => g.getAttribute('class') === 'node');
    const dotNodes = r.out.split('\n').filter((line) => /^\s+\w+ \[/.test(line) && !/^\s+node \[/.test(line));
    expect(dotNodes.length).toBeGreaterThan(5);
    expect(nodes).toHaveLength(dotNodes.length);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    // The DOT text sits in <pre>, its line breaks and indentation kept (escaped as HTML).
    expect(page).toContain(`<pre><code>${r.out.trimEnd().replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')}</code></pre>`);
  });

  it('long work shows its stages on a terminal (the Jacobian passes included), nothing when piped or with --json', async () => {
    const args = ['vanish', '--steps', '30', '--hidden', '6'];
    const tty = await run(args, { tty: true }, registry);
    expect(tty.code).toBe(0);
    for (const stage of ['vanish: forward', 'vanish: backward pass through 30 steps', 'vanish: Jacobians ‖dh_T/dh_t‖₂: backward passes', 'vanish: Jacobians ‖dh_T/dh_t‖₂: spectral norms']) {
      expect(tty.err).toContain(`\r${stage}`);
    }
    expect(tty.err.endsWith('\r\u001b[K')).toBe(true); // the line is erased before the chart
    expect((await run(args, {}, registry)).err).toBe('');
    expect((await run([...args, '--json'], { tty: true }, registry)).err).toBe('');
    for (const command of ['tour', 'linear', 'explode', 'lstm', 'long']) {
      const r = await run([command, ...smallFlags[command]], { tty: true }, registry);
      expect(r.err, command).toMatch(new RegExp(`^\\r${command}: `));
    }
  });

  it('float64 underflow: the sigmoid RNN’s gradient reaches exact 0, shown as "0 (underflow)", kept as 0 in JSON', async () => {
    const r = await run(['vanish', '--setup', 'sigmoid', '--no-jacobians', '--json'], {}, registry);
    const data = JSON.parse(r.out);
    expect(data.grad_h_norms[0]).toBe(0);
    expect(data.grad_h_norms[199]).toBeGreaterThan(0);
    expect(data.zeros.grad_h_norms.underflow_steps[0]).toBe(1);
    const chart = await run(['vanish', '--setup', 'sigmoid', '--no-jacobians'], {}, registry);
    expect(chart.out).toMatch(/^ *0 \(underflow\) ┤/m);
    expect(chart.out).toMatch(/^‖dE\/dh_1‖ \(full\) +0 \(underflow\)$/m);
    expect(chart.out).not.toMatch(/NaN|Infinity|< 1e-308/);
  });

  it('graph refuses --csv with one line and exit 2', async () => {
    const r = await run(['graph', '--csv'], {}, registry);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^chainrule graph: --csv: /);
  });

  it('the default is the tour', async () => {
    const r = await run(['--steps', '30'], {}, registry);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sigmoid RNN (textbook cell)');
    expect(r.out).toContain('Go further');
  });
});
