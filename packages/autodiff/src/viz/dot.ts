/**
 * Graphviz DOT text for a computation graph: the picture micrograd's notebook draws. Values are
 * boxes (label, data and grad for a Value; label and shape for a Tensor), operations small
 * ellipses. Paste the text into `dot -Tsvg` or any online Graphviz viewer.
 */
import { graphView, type Drawable, type ViewOptions } from './graph-view.js';

export function toDot(root: Drawable, options: ViewOptions = {}): string {
  const view = graphView(root, options);
  const lines = ['digraph chainrule {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  const byStep = new Map<number, string[]>();
  for (const node of view.nodes) {
    const text = node.lines.map(escapeRecord);
    const declaration =
      node.kind === 'op'
        ? `${node.id} [shape=ellipse, label="${text.join('\\n')}"];`
        : node.kind === 'collapsed'
          ? `${node.id} [shape=box, style="dashed,rounded", label="${text.join('\\n')}"];`
          : `${node.id} [shape=record, label="{ ${text.join(' | ')} }"];`;
    if (!byStep.has(node.step)) byStep.set(node.step, []);
    byStep.get(node.step)!.push(declaration);
  }
  for (const [step, declarations] of byStep) {
    if (step === 0) {
      for (const d of declarations) lines.push(`  ${d}`);
    } else {
      lines.push(`  subgraph cluster_step${step} {`, `    label="t = ${step}";`, '    style=rounded;');
      for (const d of declarations) lines.push(`    ${d}`);
      lines.push('  }');
    }
  }
  for (const [from, to] of view.edges) lines.push(`  ${from} -> ${to};`);
  lines.push('}');
  return lines.join('\n');
}

/** Characters that mean something inside a DOT record label. */
function escapeRecord(text: string): string {
  return text.replace(/[\\"{}|<>]/g, (c) => `\\${c}`);
}
