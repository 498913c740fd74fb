/**
 * Mermaid flowchart text for a computation graph: the same view as `toDot`, for Markdown
 * renderers that draw Mermaid (GitHub, many docs sites).
 */
import { graphView, type ViewOptions, type Drawable } from './graph-view.js';

export function toMermaid(root: Drawable, options: ViewOptions = {}): string {
  const view = graphView(root, options);
  const lines = ['flowchart LR'];
  const byStep = new Map<number, string[]>();
  for (const node of view.nodes) {
    const text = node.lines.map(escapeMermaid).join('<br/>');
    const declaration =
      node.kind === 'op' ? `${node.id}(("${text}"))` : node.kind === 'collapsed' ? `${node.id}{{"${text}"}}` : `${node.id}["${text}"]`;
    if (!byStep.has(node.step)) byStep.set(node.step, []);
    byStep.get(node.step)!.push(declaration);
  }
  for (const [step, declarations] of byStep) {
    if (step === 0) {
      for (const d of declarations) lines.push(`  ${d}`);
    } else {
      lines.push(`  subgraph step${step} ["t = ${step}"]`);
      for (const d of declarations) lines.push(`    ${d}`);
      lines.push('  end');
    }
  }
  for (const [from, to] of view.edges) lines.push(`  ${from} --> ${to}`);
  return lines.join('\n');
}

/** Mermaid labels are quoted; a double quote inside one is written as its HTML entity. */
function escapeMermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}
