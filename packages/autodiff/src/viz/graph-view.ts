/**
 * A drawable view of a computation graph: boxes for values, small ellipses for the operations
 * that made them, arrows in the direction the forward pass runs. `toDot` and `toMermaid` turn
 * the same view into Graphviz or Mermaid text.
 *
 * An unrolled RNN repeats the same few operations at every time step. Given the state after
 * each step, the view groups each step's nodes together (the nodes that lead to state t but
 * not to state t − 1) and can collapse the middle steps into a single box, so a 1,000-step
 * graph draws like a 3-step one.
 */
import { show } from '../check/show.js';
import { topologicalOrder } from '../graph.js';
import { Value } from '../scalar/value.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { formatNumber } from './format.js';

/** A node of the picture: a value (tensor or scalar) or the operation that produced one. */
export interface ViewNode {
  /** A name unique within the view, used by the edges. */
  readonly id: string;
  /** A value box, an operation, or a box standing for collapsed time steps. */
  readonly kind: 'value' | 'op' | 'collapsed';
  /** Lines of text shown in the node. */
  readonly lines: readonly string[];
  /** The time step this node belongs to (1-based), or 0 for nodes outside every step. */
  readonly step: number;
}

/** The nodes and arrows of a picture of a graph, before it is written as DOT or Mermaid. */
export interface GraphView {
  /** Every node of the picture, inputs before the nodes computed from them. */
  readonly nodes: readonly ViewNode[];
  /** Arrows by node id, in the direction the forward pass runs. */
  readonly edges: readonly (readonly [from: string, to: string])[];
}

/** What can be drawn: the root of a `Value` or a `Tensor` graph. */
export type Drawable = Value | Tensor;

/** How to draw an unrolled graph. */
export interface ViewOptions {
  /**
   * The state after each time step (h_1, ..., h_T), in order. Nodes are then grouped by step,
   * and with `keepSteps` the middle steps are collapsed.
   */
  steps?: readonly Drawable[];
  /** Draw the first `keepSteps` steps and the last one in full; collapse the rest (default: draw all). */
  keepSteps?: number;
}

/** Builds the view of the graph that ends in `root`. */
export function graphView(root: Drawable, options: ViewOptions = {}): GraphView {
  checkViewArguments('graphView', root, options);
  const order = topologicalOrder<Drawable>(root);
  const stepOf = assignSteps(order, options.steps ?? []);
  const totalSteps = options.steps?.length ?? 0;
  const keep = options.keepSteps ?? totalSteps;
  const collapsedRange = totalSteps - 1 > keep ? ([keep + 1, totalSteps - 1] as const) : null;
  const isCollapsed = (step: number) => collapsedRange !== null && step >= collapsedRange[0] && step <= collapsedRange[1];

  const nodes: ViewNode[] = [];
  const edges: [string, string][] = [];
  const seenEdges = new Set<string>();
  const addEdge = (from: string, to: string) => {
    const key = `${from}->${to}`;
    if (from !== to && !seenEdges.has(key)) {
      seenEdges.add(key);
      edges.push([from, to]);
    }
  };

  const collapsedId = 'collapsed';
  if (collapsedRange !== null) {
    const [first, last] = collapsedRange;
    nodes.push({
      id: collapsedId,
      kind: 'collapsed',
      lines: [`steps ${first}–${last}`, `(${last - first + 1} more steps, same operations)`],
      step: 0, // drawn between the step clusters, not inside one
    });
  }

  const idOf = new Map<Drawable, string>();
  order.forEach((node, i) => {
    const step = stepOf.get(node) ?? 0;
    idOf.set(node, isCollapsed(step) ? collapsedId : `n${i}`);
  });

  for (const node of order) {
    const step = stepOf.get(node) ?? 0;
    const id = idOf.get(node)!;
    if (!isCollapsed(step)) {
      nodes.push({ id, kind: 'value', lines: describe(node), step });
      if (node.op) {
        nodes.push({ id: `${id}_op`, kind: 'op', lines: [node.op], step });
        addEdge(`${id}_op`, id);
      }
    }
    const target = isCollapsed(step) || !node.op ? id : `${id}_op`;
    for (const parent of node.parents as readonly Drawable[]) addEdge(idOf.get(parent)!, target);
  }
  return { nodes, edges };
}

/** Throws unless `root` is a Value or a Tensor and `options` a ViewOptions, naming `op` (graphView, toDot, toMermaid). */
export function checkViewArguments(op: string, root: unknown, options: unknown): void {
  if (!(root instanceof Value || root instanceof Tensor)) throw new Error(`${op}: the root must be a Value or a Tensor, got ${show(root)}`);
  if (typeof options !== 'object' || options === null) throw new Error(`${op}: options must be an object, got ${show(options)}`);
  const { steps = [], keepSteps } = options as ViewOptions;
  if (!Array.isArray(steps) || !steps.every((s) => s instanceof Value || s instanceof Tensor)) {
    throw new Error(`${op}: options.steps must be an array of Values or Tensors, got ${show(steps)}`);
  }
  if (keepSteps !== undefined && !(Number.isInteger(keepSteps) && keepSteps >= 0)) {
    throw new Error(`${op}: options.keepSteps must be an integer ≥ 0, got ${show(keepSteps)}`);
  }
}

/** The nodes of a view grouped by step (0: outside every step), in drawing order. */
export function nodesByStep(view: GraphView): Map<number, ViewNode[]> {
  const groups = new Map<number, ViewNode[]>();
  for (const node of view.nodes) {
    if (!groups.has(node.step)) groups.set(node.step, []);
    groups.get(node.step)!.push(node);
  }
  return groups;
}

/**
 * Step t holds the nodes that lead to state t and to no earlier state. One walk over the whole
 * graph: the states are visited in order, and each walk stops at nodes an earlier state already
 * reached (their ancestors were reached with them), so every node is visited once, O(nodes +
 * edges) in all, not once per step.
 */
function assignSteps(order: readonly Drawable[], steps: readonly Drawable[]): Map<Drawable, number> {
  const stepOf = new Map<Drawable, number>();
  const reached = new Set<Drawable>();
  const stack: Drawable[] = [];
  steps.forEach((state, t) => {
    if (reached.has(state)) return;
    reached.add(state);
    stack.push(state);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.op) stepOf.set(node, t + 1);
      for (const parent of node.parents as readonly Drawable[]) {
        if (!reached.has(parent)) {
          reached.add(parent);
          stack.push(parent);
        }
      }
    }
  });
  // Leaves (weights, inputs) are drawn outside the steps, except an input fed to one step only.
  const users = new Map<Drawable, Set<number>>();
  for (const node of order) {
    for (const parent of node.parents as readonly Drawable[]) {
      const step = stepOf.get(node);
      if (step === undefined) continue;
      if (!users.has(parent)) users.set(parent, new Set());
      users.get(parent)!.add(step);
    }
  }
  for (const node of order) {
    const used = users.get(node);
    if (!node.op && used?.size === 1) stepOf.set(node, [...used][0]);
  }
  return stepOf;
}

/** The text of a value node: its label, then data and grad (scalars) or shape (tensors). */
function describe(node: Drawable): string[] {
  const lines = node.label ? [node.label] : [];
  if (node instanceof Value) {
    lines.push(`data ${formatNumber(node.data)}`, `grad ${formatNumber(node.grad)}`);
  } else {
    lines.push(formatShape(node.shape));
    if (node.size === 1) lines.push(`data ${formatNumber(node.data[0])}`);
  }
  return lines;
}
