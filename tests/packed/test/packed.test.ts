// @chainrule/autodiff and @chainrule/nn as a project outside this workspace gets them: packed by
// pnpm (which turns `workspace:*` into a version), checked by publint and arethetypeswrong,
// installed by npm from the tarballs alone (no registry), then used from an ESM script, from
// require(), and from strict TypeScript with --module nodenext.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn, Random } from '@chainrule/autodiff';
import { LSTMCell, Linear, SGD, mseLoss, unroll } from '@chainrule/nn';

const root = resolve(import.meta.dirname, '../../..');
const here = resolve(import.meta.dirname, '..');
/** A tool this package depends on, as pnpm linked it. */
const bin = (name: string): string => join(here, 'node_modules/.bin', name);
const PACKAGES = ['autodiff', 'nn'] as const;

let work = '';
const tarballs: Record<string, string> = {};
const run = (file: string, args: readonly string[], cwd: string): string =>
  execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });

beforeAll(() => {
  // The tarballs hold dist/: build it (incremental, a no-op when it is up to date).
  run(bin('tsc'), ['-b', 'packages/nn/tsconfig.build.json'], root);
  work = mkdtempSync(join(tmpdir(), 'chainrule-packed-'));
  for (const name of PACKAGES) {
    run('pnpm', ['pack', '--pack-destination', work], join(root, 'packages', name));
    const file = readdirSync(work).find((f) => f.startsWith(`chainrule-${name}-`) && f.endsWith('.tgz'));
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    tarballs[name] = join(work, file);
  }
}, 240_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe.each(PACKAGES)('the @chainrule/%s tarball', (name) => {
  const files = (): string[] => run('tar', ['-tzf', tarballs[name]], work).split('\n').filter((f) => f !== '');

  it('holds the license, the readme, the built entry and no build info or tests', () => {
    const list = files();
    for (const f of ['package/LICENSE', 'package/README.md', 'package/package.json', 'package/dist/index.js', 'package/dist/index.d.ts']) expect(list).toContain(f);
    expect(list.filter((f) => f.endsWith('.tsbuildinfo') || f.endsWith('.test.ts') || f.includes('/test/'))).toEqual([]);
  });

  it('has a package.json with a version for every workspace dependency, and the metadata npm shows', () => {
    const manifest = JSON.parse(run('tar', ['-xzOf', tarballs[name], 'package/package.json'], work)) as Record<string, unknown>;
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.license).toBe('MIT');
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.repository).toMatchObject({ type: 'git', directory: `packages/${name}` });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(3);
  });

  it('is clean for publint (strict: warnings count)', () => {
    const dir = join(work, `unpacked-${name}`);
    mkdirSync(dir, { recursive: true });
    run('tar', ['-xzf', tarballs[name], '-C', dir], work);
    const out = run(bin('publint'), [join(dir, 'package'), '--pack', 'false', '--strict'], work);
    expect(out).toContain('All good!');
  });

  it('is clean for arethetypeswrong (an ESM-only package: require() needs Node 20.19 or 22.12)', () => {
    // Exits non-zero on any problem the profile does not ignore; it ignores only node10 (no
    // `exports` support) and CommonJS resolving to ESM (what require(esm) allows on those Nodes).
    const out = run(bin('attw'), [tarballs[name], '--profile', 'esm-only', '--format', 'ascii'], work);
    const resolutions = out.split('\n').filter((line) => /^(node10|node16 \(from (ESM|CJS)\)|bundler):/.test(line));
    expect(resolutions.length).toBeGreaterThanOrEqual(4);
    expect(resolutions.filter((line) => !line.includes('🟢') && !line.includes('(ignored)'))).toEqual([]);
    expect(out).toContain('node16 (from ESM): 🟢 (ESM)');
  });
});

describe('a project outside the workspace that installs the tarballs with npm', () => {
  let project = '';

  beforeAll(() => {
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // --offline: everything comes from the two tarballs; nothing is fetched.
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarballs.autodiff, tarballs.nn], project);
    for (const file of ['train.mjs', 'require.cjs', 'strict.ts', 'tsconfig.json']) copyFileSync(join(here, 'consumer', file), join(project, file));
  }, 240_000);

  it('installs real directories, not links into this workspace', () => {
    const listed = run('npm', ['ls', '--all', '--parseable'], project);
    expect(listed).toContain(join(project, 'node_modules/@chainrule/nn'));
    expect(listed).not.toContain(root);
  });

  it('trains one LSTM step in an ESM script, with the numbers the sources give', () => {
    const printed = JSON.parse(run(process.execPath, ['train.mjs'], project)) as Record<string, { before: number; after: number; gradWhh: number[][] }>;
    // The same step, run here on the workspace's TypeScript sources.
    const rng = new Random(7);
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 4, seed: rng, fused: 'sequence' });
    const head = new Linear({ inFeatures: 4, outFeatures: 1, seed: rng });
    const xs = randn([5, 3, 2], { seed: rng });
    const target = xs.sum(0).sum(1, true);
    const optimizer = new SGD([...cell.parameters(), ...head.parameters()], { lr: 0.05 });
    const lossOf = () => mseLoss(head.forward(unroll(cell, xs).last.h), target);
    const before = lossOf();
    optimizer.zeroGrad();
    before.backward();
    const gradWhh = cell.weightHh.grad?.toArray(2);
    optimizer.step();
    for (const run of [printed.sequence, printed.textbookOnFastPath]) {
      expect(run.before).toBeCloseTo(before.item(), 12);
      expect(run.after).toBeCloseTo(lossOf().item(), 12);
      expect(run.after).toBeLessThan(run.before); // a small step downhill lowers the loss
      run.gradWhh.forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(gradWhh?.[i]?.[j] ?? Number.NaN, 12)));
    }
  });

  it('works from require() on this Node', () => {
    expect(process.features.require_module).toBe(true);
    expect(JSON.parse(run(process.execPath, ['require.cjs'], project))).toEqual({ grad: 6, cell: 4 }); // d(x²)/dx at 3; RNNCell's 4 parameters
  });

  it('type-checks a strict TypeScript consumer (--module nodenext) that reads gradients without casts', () => {
    let out = '';
    try {
      out = run(bin('tsc'), ['-p', 'tsconfig.json'], project);
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(out).toBe('');
  });
});
