/**
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no network, no `dot` binary.
 * The WebAssembly module is loaded on first use only, so commands without a graph never pay for it.
 */
import type { Viz } from '@viz-js/viz';

let loading: Promise<Viz> | undefined;

async function viz(): Promise<Viz> {
  loading ??= import('@viz-js/viz').then((m) => m.instance());
  return loading;
}

/** The SVG picture of a DOT graph (an <svg> element, without the XML prolog and doctype). */
export async function dotToSvg(dot: string): Promise<string> {
  const result = (await viz()).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    const messages = result.errors.map((e) => e.message).join('; ');
    throw new Error(`Graphviz could not draw the graph: ${messages}`);
  }
  const start = result.output.indexOf('<svg');
  return result.output.slice(start);
}
