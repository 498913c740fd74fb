/**
 * Graphviz DOT text for a computation graph: the picture micrograd's notebook draws. Values are
 * boxes (label, data and grad for a Value; label and shape for a Tensor), operations small
 * ellipses. Paste the text into `dot -Tsvg` or any online Graphviz viewer.
 */
import { checkViewArguments, graphView, nodesByStep, type Drawable, type ViewNode, type ViewOptions } from './graph-view.js';

/** The graph that ends in `root` as Graphviz DOT text; `options.steps` groups an unrolled RNN by time step. */
export function toDot(root: Drawable, options: ViewOptions = {}): string {
  checkViewArguments('toDot', root, options);
  const view = graphView(root, options);
  const lines = ['digraph chainrule {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const [step, nodes] of nodesByStep(view)) {
    if (step === 0) {
      for (const node of nodes) lines.push(`  ${declare(node)}`);
    } else {
      lines.push(`  subgraph cluster_step${step} {`, `    label="t = ${step}";`, '    style=rounded;');
      for (const node of nodes) lines.push(`    ${declare(node)}`);
      lines.push('  }');
    }
  }
  for (const [from, to] of view.edges) lines.push(`  ${from} -> ${to};`);
  lines.push('}');
  return lines.join('\n');
}

function declare(node: ViewNode): string {
  const text = node.lines.map(escapeRecord);
  if (node.kind === 'op') return `${node.id} [shape=ellipse, label="${text.join('\\n')}"];`;
  if (node.kind === 'collapsed') return `${node.id} [shape=box, style="dashed,rounded", label="${text.join('\\n')}"];`;
  return `${node.id} [shape=record, label="{ ${text.join(' | ')} }"];`;
}

/** Characters that mean something inside a DOT record label. */
function escapeRecord(text: string): string {
  return text.replace(/[\\"{}|<>]/g, (c) => `\\${c}`);
}
