// Imports each package from its built output (dist/), as a user's Node.js program would, and runs
// the built `chainrule` bin. Fails if an exports map, the emitted JavaScript or the bin is broken.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const run = (code) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: 'apps/demo', stdio: 'inherit' });

// From the demo app, which depends on every package, so the workspace links resolve.
run(`
  import { Value, tensor } from '@chainrule/autodiff';
  const x = new Value(3); const y = x.mul(x); y.backward();
  if (x.grad !== 6) throw new Error('autodiff dist: wrong Value grad ' + x.grad);
  const t = tensor([1, 2], { requiresGrad: true }); t.mul(t).sum().backward();
  if (t.grad.data[1] !== 4) throw new Error('autodiff dist: wrong Tensor grad');
  console.log('@chainrule/autodiff dist: ok');
`);
run(`
  import { tensor } from '@chainrule/autodiff';
  import { useFastPath, matmulAuto } from '@chainrule/autodiff/fast';
  useFastPath();
  const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  a.matmul(a).sum().backward();
  if (a.grad.data.join() !== '7,11,9,13') throw new Error('autodiff/fast dist: wrong grad ' + a.grad.data.join());
  if (matmulAuto(Float64Array.of(2), Float64Array.of(3), 1, 1, 1)[0] !== 6) throw new Error('autodiff/fast dist: matmulAuto');
  console.log('@chainrule/autodiff/fast dist: ok');
`);
run(`
  import { RNNCell, unroll, mseLoss } from '@chainrule/nn';
  import { zeros } from '@chainrule/autodiff';
  const cell = new RNNCell({ inputSize: 2, hiddenSize: 3, seed: 1 });
  const { h } = unroll(cell, [zeros([1, 2]), zeros([1, 2])]);
  mseLoss(h[1], zeros([1, 3])).backward();
  if (!cell.weightHh.grad) throw new Error('nn dist: no gradient');
  console.log('@chainrule/nn dist: ok');
`);
const help = execFileSync(process.execPath, ['apps/demo/dist/cli.js', '--help'], { encoding: 'utf8' });
if (!help.includes('Usage: chainrule')) throw new Error('demo dist: chainrule --help printed something else');
// The installed bin speaks of itself as chainrule (not `pnpm demo`), and names example files it ships.
if (help.includes('pnpm demo')) throw new Error('demo dist: chainrule --help mentions pnpm demo');
const vanishHelp = execFileSync(process.execPath, [resolve('apps/demo/dist/cli.js'), 'vanish', '--help'], { encoding: 'utf8', cwd: tmpdir() });
const example = /--model (\S+\.model\.json)/.exec(vanishHelp)?.[1];
if (example === undefined || !existsSync(resolve(tmpdir(), example))) throw new Error(`demo dist: vanish --help names an example that is not there: ${example}`);
console.log(`chainrule bin (apps/demo/dist/cli.js): ok; its help names ${example}`);
