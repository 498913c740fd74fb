// The import rules of packages/*/src, checked (CI runs this; so does packages/autodiff/test/imports.test.ts):
//   1. no import cycles, type-only imports aside (they vanish from the JavaScript), except the ones
//      listed in ALLOWED_CYCLES with the reason they stay;
//   2. the tuned path (packages/autodiff/src/fast/) imports nothing from the textbook side at run
//      time: only its own files and the seam (src/seam.ts), and types from anywhere.
// Usage: node scripts/check-imports.mjs   (prints what it checked; exits 1 on a violation)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Cycles that may stay, as sorted lists of files (relative to the repository root), with why. */
export const ALLOWED_CYCLES = [
  {
    files: ['packages/autodiff/src/tensor/ops.ts', 'packages/autodiff/src/tensor/tensor.ts'],
    why: "the Tensor class's methods call the ops, and the ops make Tensors (tensor.ts says so)",
  },
];

const FAST = 'packages/autodiff/src/fast/';
const FAST_MAY_IMPORT = ['packages/autodiff/src/seam.ts'];

/** The runtime imports of one TypeScript file: relative specifiers of imports and re-exports that are not type-only. */
function runtimeImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined && clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined) {
      if (statement.isTypeOnly) continue;
      const named = statement.exportClause;
      const onlyTypes = named !== undefined && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

/** Checks every package under `root`/packages; returns { files, problems, allowed }. */
export function checkImports(root) {
  const graph = new Map();
  for (const name of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', name, 'src');
    if (!existsSync(src)) continue;
    for (const file of sourceFiles(src)) graph.set(relative(root, file), runtimeImports(file).map((f) => relative(root, f)));
  }
  const problems = [];
  const allowed = [];
  for (const component of cycles(graph)) {
    const allowance = ALLOWED_CYCLES.find((a) => a.files.join() === component.join());
    if (allowance === undefined) problems.push(`import cycle: ${component.join(' → ')}`);
    else allowed.push(`${component.join(' ↔ ')} (${allowance.why})`);
  }
  for (const [file, imports] of graph) {
    if (!file.startsWith(FAST)) continue;
    for (const target of imports) {
      if (!target.startsWith(FAST) && !FAST_MAY_IMPORT.includes(target)) problems.push(`${file} imports ${target} at run time: src/fast/ may import only its own files, src/seam.ts, and types`);
    }
  }
  return { files: graph.size, problems, allowed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, problems, allowed } = checkImports(root);
  for (const problem of problems) console.error(`check-imports: ${problem}`);
  console.log(`check-imports: ${files} files in packages/*/src; ${problems.length} problem(s); cycles allowed: ${allowed.length === 0 ? 'none' : allowed.join('; ')}`);
  if (problems.length > 0) process.exit(1);
  console.log('check-imports: no other import cycle; src/fast/ imports only itself, the seam, and types');
}
