// `pnpm docs:demo`: rewrites every block of demo output in the repository's Markdown (between
// `<!-- demo: COMMAND -->` and `<!-- demo: end -->`, see scripts/demo-docs.ts) with what COMMAND
// prints now. apps/demo/test/demo-docs.test.ts fails while a block is stale.
//
//   pnpm docs:demo                every block (the slow ones, training, take minutes)
//   pnpm docs:demo --skip-slow    only the blocks the test reruns (seconds)
//   pnpm docs:demo --only TEXT    only the blocks whose command contains TEXT
//   pnpm docs:demo --check        change nothing; exit 1 if a block the test reruns is stale
//
// The quick blocks run on the textbook engine, in this process, exactly as the test runs them; the
// slow ones run after useFastPath(), as the `chainrule` bin runs (the same gradients, in less time).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { useFastPath } from '../packages/autodiff/src/fast/index.js';
import { allBlocks, blockName, blockText, findBlocks, ROOT, runDemo, type DemoBlock } from './demo-docs.js';

/** A quick block that takes longer than this is worth marking `slow` (or giving smaller flags). */
const QUICK_SECONDS = 5;

const { values } = parseArgs({
  options: { 'skip-slow': { type: 'boolean' }, only: { type: 'string' }, check: { type: 'boolean' } },
});

const started = performance.now();
const everyBlock = allBlocks();
const allBlocksOf = (file: string): DemoBlock[] => everyBlock.filter((b) => b.file === file);
const blocks = everyBlock.filter((b) => values.only === undefined || b.command.includes(values.only));
const quick = blocks.filter((b) => !b.slow);
const slow = values['skip-slow'] || values.check ? [] : blocks.filter((b) => b.slow);
const outputs = new Map<string, string>();
const fresh = new Map<DemoBlock, string>();

async function generate(block: DemoBlock): Promise<void> {
  const key = block.argv.join(' ');
  let output = outputs.get(key);
  const t0 = performance.now();
  if (output === undefined) {
    if (block.slow) console.log(`${blockName(block)}: running…`);
    output = await runDemo(block.argv);
    outputs.set(key, output);
  }
  const seconds = (performance.now() - t0) / 1000;
  const text = blockText(block, output);
  fresh.set(block, text);
  if (!values.check && text !== block.current) rewrite(block, text);
  const state = text === block.current ? 'up to date' : values.check ? 'STALE' : 'updated';
  const note = !block.slow && seconds > QUICK_SECONDS ? `  (over ${QUICK_SECONDS} s: mark it slow, or give it smaller flags)` : '';
  console.log(`${blockName(block)}: ${state}, ${seconds.toFixed(1)} s${note}`);
}

/**
 * Writes one block at once, so an interrupted run keeps what it finished. The file is read again and
 * its blocks found again (it may have been edited elsewhere while the demo ran); the block is the
 * one with the same marker and as many blocks with that marker before it.
 */
function rewrite(block: DemoBlock, replacement: string): void {
  const path = join(ROOT, block.file);
  const text = readFileSync(path, 'utf8');
  const now = findBlocks(block.file, text);
  const key = (b: DemoBlock, list: readonly DemoBlock[]): string =>
    `${b.command}|${b.tablesOnly}|${b.slow}|${list.filter((o) => o.command === b.command && o.start < b.start).length}`;
  const target = now.find((b) => key(b, now) === key(block, allBlocksOf(block.file)));
  if (target === undefined) throw new Error(`${blockName(block)}: its marker is gone from ${block.file}; run ${'`pnpm docs:demo`'} again`);
  writeFileSync(path, text.slice(0, target.start) + replacement + text.slice(target.end));
}

for (const block of quick) await generate(block);
if (slow.length > 0) {
  useFastPath();
  for (const block of slow) await generate(block);
}
for (const block of blocks.filter((b) => !fresh.has(b))) console.log(`${blockName(block)}: skipped (slow)`);

const stale = [...fresh].filter(([block, text]) => text !== block.current);
if (values.check && stale.length > 0) {
  console.log(`${stale.length} stale block(s): run ${'`pnpm docs:demo`'}`);
  process.exitCode = 1;
}
console.log(`${blocks.length} block(s), ${stale.length} ${values.check ? 'stale' : 'rewritten'}, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
