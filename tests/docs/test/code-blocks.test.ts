// The docs cannot rot: every ```ts block of docs/ runs (a page's blocks in order, in one
// process, from the repository root, as a reader would run them) and must print exactly the
// ```text block that follows it (nothing, if none follows); every ```ts block of docs/ and of the
// READMEs type-checks as written; every relative link of docs/ points at a file that exists.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const here = resolve(import.meta.dirname, '..');
const root = resolve(here, '../..');
const blocksDir = join(here, '.blocks');

interface Block {
  /** The page, relative to the repository root. */
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** What the block must print: the ```text block right after it, or ''. */
  readonly expected: string;
}

interface Fence {
  readonly lang: string;
  readonly line: number;
  readonly body: string;
  /** The prose between this block's closing fence and the next block. */
  readonly after: string;
}

/** The fenced blocks of a Markdown file, with the prose that follows each one. */
function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: { lang: string; line: number; body: string; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (open === null) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    found.push({ lang: open[1], line: i + 1, body: lines.slice(i + 1, j).map((l) => `${l}\n`).join(''), end: j });
    i = j;
  }
  return found.map((f, k) => ({
    lang: f.lang,
    line: f.line,
    body: f.body,
    after: lines.slice(f.end + 1, k + 1 < found.length ? found[k + 1].line - 1 : lines.length).join('\n'),
  }));
}

/** The ```ts blocks of a page; a block's output is the ```text block after it, if only a short line (or nothing) stands between. */
function tsBlocks(page: string): Block[] {
  const all = fences(readFileSync(join(root, page), 'utf8'));
  return all.flatMap((f, k) => {
    if (f.lang !== 'ts') return [];
    const next = all[k + 1];
    const between = f.after.trim();
    const shown = next !== undefined && next.lang === 'text' && !between.includes('\n') && between.length <= 60;
    return [{ page, line: f.line, code: f.body, expected: shown ? next.body : '' }];
  });
}

/** Markdown files under a folder of the repository (docs/api, TypeDoc's output, left out). */
function markdownUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === 'docs/api' ? [] : markdownUnder(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const DOC_PAGES = markdownUnder('docs').sort();
const README_PAGES = ['README.md', 'CONTRIBUTING.md', 'packages/autodiff/README.md', 'packages/autodiff/src/fast/README.md', 'packages/nn/README.md'];
const WALKTHROUGH = DOC_PAGES.filter((p) => /^docs\/walkthrough\/\d\d-/.test(p));

const runnable = DOC_PAGES.flatMap(tsBlocks);
const slug = (block: Block): string => `${block.page.replace(/[/.]/g, '_')}_L${block.line}`;
const tool = (name: string): string => join(here, 'node_modules/.bin', name);

describe('the code blocks of docs/', () => {
  const results = new Map<string, { output: string; error: string | null }>();

  beforeAll(async () => {
    rmSync(join(blocksDir, 'run'), { recursive: true, force: true });
    const byPage = new Map<string, string[]>();
    for (const block of runnable) {
      const file = join(blocksDir, 'run', block.page.replace(/[/.]/g, '_'), `${slug(block)}.ts`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, block.code);
      byPage.set(block.page, [...(byPage.get(block.page) ?? []), file]);
    }
    const run = promisify(execFile);
    const pages = [...byPage.entries()];
    // Two pages at a time: this machine has two cores.
    const worker = async (): Promise<void> => {
      for (let next = pages.shift(); next !== undefined; next = pages.shift()) {
        const [, files] = next;
        const { stdout } = await run(tool('tsx'), ['--conditions=@chainrule/source', join(here, 'run-blocks.ts'), ...files], {
          cwd: root,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
        });
        for (const r of JSON.parse(stdout) as { file: string; output: string; error: string | null }[]) results.set(r.file, r);
      }
    };
    await Promise.all([worker(), worker()]);
  }, 600_000);

  it('has the walkthrough, eight chapters in order, each with code that runs', () => {
    expect(WALKTHROUGH.map((p) => p.replace(/^docs\/walkthrough\/(\d\d)-.*$/, '$1'))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08']);
    for (const page of WALKTHROUGH) expect(runnable.filter((b) => b.page === page).length, page).toBeGreaterThan(0);
  });

  it.each(runnable.map((block) => ({ name: `${block.page}:${block.line}`, block })))('$name prints what the page shows', ({ block }) => {
    const file = join(blocksDir, 'run', block.page.replace(/[/.]/g, '_'), `${slug(block)}.ts`);
    const result = results.get(file);
    expect(result, 'the block did not run').toBeDefined();
    expect(result?.error ?? null).toBeNull();
    expect(result?.output).toBe(block.expected);
  });
});

describe('the ```ts blocks of docs/ and of the READMEs', () => {
  it('type-check as written (strict, module nodenext)', () => {
    const dir = join(blocksDir, 'typecheck');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const blocks = [...DOC_PAGES, ...README_PAGES].filter((p) => existsSync(join(root, p))).flatMap(tsBlocks);
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) writeFileSync(join(dir, `${slug(block)}.ts`), block.code);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(dir, join(root, 'tsconfig.base.json')),
        compilerOptions: { noEmit: true, moduleDetection: 'force', noUnusedLocals: false, noUnusedParameters: false },
        include: ['*.ts'],
      }),
    );
    let out = '';
    try {
      execFileSync(tool('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: here, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? error);
    }
    // Name the page and line of each error instead of the temporary file.
    expect(out.replace(/\S*?([\w]+)_md_L(\d+)\.ts/g, (_, page: string, line: string) => `${page}.md block at line ${line}`)).toBe('');
  }, 300_000);
});

describe('the links of docs/, CONTRIBUTING.md and CHANGELOG.md', () => {
  const pages = [...DOC_PAGES, 'CONTRIBUTING.md', 'CHANGELOG.md'];

  it.each(pages)('%s links only to files in the repository', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1].split('#')[0]).filter((t) => t !== '' && !/^[a-z]+:/.test(t));
    for (const target of targets) {
      const path = resolve(dirname(join(root, page)), target);
      expect(path.startsWith(`${root}/`) && existsSync(path), `${page} → ${target}`).toBe(true);
    }
  });

  it.each(WALKTHROUGH)('%s links the source files it explains', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    expect([...text.matchAll(/\]\((\.\.\/\.\.\/(packages|apps)\/[^)#\s]+\.ts)/g)].length, page).toBeGreaterThan(0);
  });
});
