/**
 * Mermaid flowchart text for a computation graph: the same view as `toDot`, for Markdown
 * renderers that draw Mermaid (GitHub, many docs sites).
 */
import { checkViewArguments, graphView, nodesByStep, type Drawable, type ViewNode, type ViewOptions } from './graph-view.js';

/** The graph that ends in `root` as a Mermaid flowchart; the options are `toDot`'s. */
export function toMermaid(root: Drawable, options: ViewOptions = {}): string {
  checkViewArguments('toMermaid', root, options);
  const view = graphView(root, options);
  const lines = ['flowchart LR'];
  for (const [step, nodes] of nodesByStep(view)) {
    if (step === 0) {
      for (const node of nodes) lines.push(`  ${declare(node)}`);
    } else {
      lines.push(`  subgraph step${step} ["t = ${step}"]`);
      for (const node of nodes) lines.push(`    ${declare(node)}`);
      lines.push('  end');
    }
  }
  for (const [from, to] of view.edges) lines.push(`  ${from} --> ${to}`);
  return lines.join('\n');
}

function declare(node: ViewNode): string {
  const text = node.lines.map(escapeMermaid).join('<br/>');
  if (node.kind === 'op') return `${node.id}(("${text}"))`;
  if (node.kind === 'collapsed') return `${node.id}{{"${text}"}}`;
  return `${node.id}["${text}"]`;
}

/** Mermaid labels are quoted; a double quote inside one is written as its HTML entity. */
function escapeMermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}
