// The CLI's messages for bad input, run in-process on the real registry (fast, no child processes),
// and the real process wiring checked by three child processes run one after another.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import { fakeIo, parseXml, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const examples = join(import.meta.dirname, '../examples');

describe('bad input (in-process, the real commands)', () => {
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
    [['vanish', '--model', join(examples, 'lstm.model.json')], /^chainrule vanish: --model and --input go together: give both files$/],
    [['vanish', '--model', join(examples, 'lstm.model.json'), '--input', join(examples, 'rnn-tanh.model.json')], /^chainrule vanish: --input .*: /],
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
  it.each(cases)('%j exits 2 with one line on stderr and nothing on stdout', async (args, pattern) => {
    const io = fakeIo();
    const code = await main(args, io, registry, '0.0.0');
    expect(code).toBe(2);
    const lines = io.err().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(io.out()).toBe('');
  });
});

describe('chainrule as a child process (tsx on the sources)', () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: chainrule [COMMAND] [FLAGS]');
    expect(r.stdout).toMatch(/linear +the exact linear case/);
    expect(r.stderr).toBe('');
  });

  it('bad input: exit code 2, one line on stderr, no stack trace', async () => {
    const r = await runCli(['linear', '--steps', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('chainrule linear: --steps must be an integer in [1, 100000], got "ten"\n');
    expect(r.stdout).toBe('');
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
