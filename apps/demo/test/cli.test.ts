// The CLI as a user runs it: a child process through tsx, on the sources. Exit codes and messages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chainrule (spawned)', () => {
  it('--help exits 0 and lists the commands; COMMAND --help lists flags with defaults', async () => {
    const [program, linear] = await Promise.all([runCli(['--help']), runCli(['linear', '--help'])]);
    expect(program.code).toBe(0);
    expect(program.stdout).toContain('Usage: chainrule [COMMAND] [FLAGS]');
    expect(program.stdout).toMatch(/linear +the exact linear case/);
    for (const name of ['tour', 'vanish', 'linear', 'explode', 'lstm', 'long', 'graph']) expect(program.stdout).toContain(name);
    expect(linear.code).toBe(0);
    expect(linear.stdout).toMatch(/--steps N +sequence length T \(an integer in \[1, 100000\]; default 100\)/);
    expect(linear.stdout).toMatch(/--seed N .*default 0/);
  });

  it('bad input exits 2 with one line on stderr and no stack trace', async () => {
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{ "cell": "rnn", }');
    const wrongShape = join(dir, 'shape.json');
    writeFileSync(wrongShape, JSON.stringify({ inputs: [[1, 2]], target: 'y' }));
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^chainrule: unknown command "frobnicate"; commands: /],
      [['linear', '--stepz', '3'], /^chainrule linear: unknown flag --stepz \(did you mean --steps\?\); see --help$/],
      [['linear', '--steps', 'ten'], /^chainrule linear: --steps must be an integer in \[1, 100000\], got "ten"$/],
      [['linear', '--rho', '0.9,abc'], /^chainrule linear: --rho must be comma-separated numbers in \[0, 10\], got "0.9,abc"$/],
      [['vanish', '--cell', 'transformer'], /^chainrule vanish: --cell must be one of rnn, lstm, gru, got "transformer"$/],
      [['vanish', '--model', join(dir, 'missing.json'), '--input', wrongShape], /^chainrule vanish: --model .*missing.json: no such file$/],
      [['vanish', '--model', badJson, '--input', wrongShape], /^chainrule vanish: --model .*bad.json: not valid JSON/],
      [['vanish', '--model', join(import.meta.dirname, '../examples/lstm.model.json')], /^chainrule vanish: --model and --input go together: give both files$/],
      [['vanish', '--model', join(import.meta.dirname, '../examples/lstm.model.json'), '--input', join(import.meta.dirname, '../examples/rnn-tanh.model.json')], /^chainrule vanish: --input .*: /],
      [['explode', '--resolution', '0'], /^chainrule explode: --resolution must be an integer in \[1, 400\], got "0"$/],
      [['lstm', '--forget-bias', '1,x'], /^chainrule lstm: --forget-bias must be comma-separated numbers/],
      [['long', '--hidden', '-3'], /^chainrule long: --hidden must be an integer in \[1, 1024\], got "-3"$/],
      [['graph', '--format', 'png'], /^chainrule graph: --format must be one of dot, mermaid, got "png"$/],
      [['tour', '--json', '--csv'], /^chainrule tour: /],
      [['check-files', '--model', join(dir, 'missing.json')], /^chainrule check-files: --model .*missing.json: no such file$/],
      [['check-files', '--model', badJson], /^chainrule check-files: --model .*bad.json: not valid JSON: .* at line 1, column 18$/],
      [['check-files', '--input', wrongShape], /^chainrule check-files: --input .*shape.json: target must be an array of numbers, got the string "y"$/],
      [['check-files'], /^chainrule check-files: give --model FILE, --input FILE or both$/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args)));
    runs.forEach((r, i) => {
      const [args, pattern] = cases[i];
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    });
  });

  it('runs a command end to end: chart on stdout, --svg and --html files', async () => {
    const svg = join(dir, 'linear.svg');
    const html = join(dir, 'linear.html');
    const r = await runCli(['linear', '--steps', '50', '--svg', svg, '--html', html]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('‖dE/dh_t‖ (log scale)');
    expect(r.stderr).toBe(`wrote ${svg}\nwrote ${svg.replace(/\.svg$/, '-2.svg')}\nwrote ${html}\n`);
    expect(() => parseXml(readFileSync(svg, 'utf8'))).not.toThrow();
    expect(readFileSync(html, 'utf8')).toContain('<table>');
  });
});
