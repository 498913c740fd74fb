/**
 * Graphviz DOT export of a computation graph: the picture micrograd's notebook draws.
 * Each node is a record "label | data | grad"; the operation that produced it is a small
 * ellipse feeding into it. Paste the string into `dot -Tsvg` or any online Graphviz viewer.
 */
import { topologicalOrder } from '../graph.js';
import { Value } from '../scalar/value.js';

/** Four significant digits keep the picture readable; exponents for very large or small numbers. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(x.toPrecision(4)));
  return x.toExponential(3);
}

/** DOT text for the graph that ends in `root`, every node with its data and grad. */
export function toDot(root: Value): string {
  const order = topologicalOrder<Value>(root);
  const id = new Map<Value, string>(order.map((node, i) => [node, `n${i}`]));
  const lines = ['digraph chainrule {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const node of order) {
    const name = id.get(node);
    const label = node.label ? `${escapeRecord(node.label)} | ` : '';
    lines.push(
      `  ${name} [shape=record, label="{ ${label}data ${formatNumber(node.data)} | grad ${formatNumber(node.grad)} }"];`,
    );
    if (node.op) {
      lines.push(`  ${name}_op [shape=ellipse, label="${escapeRecord(node.op)}"];`);
      lines.push(`  ${name}_op -> ${name};`);
      for (const parent of node.parents) lines.push(`  ${id.get(parent)} -> ${name}_op;`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

/** Characters that mean something inside a DOT record label. */
function escapeRecord(text: string): string {
  return text.replace(/[\\"{}|<>]/g, (c) => `\\${c}`);
}
