/**
 * Topological order of a computation graph, shared by the scalar and the tensor engine.
 *
 * Backpropagation must visit a node only after every node that uses it has passed its
 * gradient back. Listing the graph so that each node comes after all of its parents (its
 * inputs), then walking that list backwards, guarantees exactly that.
 *
 * The textbook version is a recursive depth-first search. Recursion would overflow the call
 * stack on an RNN unrolled for many steps (micrograd fails at about 1,000), so this one keeps
 * its own stack: a 1,000,000-node chain needs only a 1,000,000-entry array.
 */
import { show } from './check/show.js';

/** Anything with inputs: a `Value`, a `Tensor`. */
export interface GraphNode {
  /** The nodes this one was computed from (its inputs). */
  readonly parents: readonly GraphNode[];
  /**
   * Which traversal last visited this node. A `Set` of visited nodes would do the same job;
   * a number stamped on each node is several times faster on million-node graphs.
   */
  visitMark: number;
}

let traversals = 0;

/**
 * Every node reachable from `root`, each one listed after all of its parents; `root` is last.
 * Iterative post-order depth-first search: a node is emitted once all its parents are.
 */
export function topologicalOrder<N extends GraphNode>(root: N): N[] {
  if (typeof root !== 'object' || root === null || !Array.isArray((root as { parents?: unknown }).parents)) {
    throw new Error(`topologicalOrder: the root must be a graph node (a Value or a Tensor), got ${show(root)}`);
  }
  const mark = ++traversals;
  const order: N[] = [];
  // The explicit stack: each entry is a node and how many of its parents we have already entered.
  const stack: GraphNode[] = [root];
  const nextParent: number[] = [0];
  root.visitMark = mark;

  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const i = nextParent[top];
    if (i < node.parents.length) {
      nextParent[top] = i + 1;
      const parent = node.parents[i];
      if (parent.visitMark !== mark) {
        parent.visitMark = mark;
        stack.push(parent);
        nextParent.push(0);
      }
    } else {
      // All parents are already in `order`: this node may follow them.
      stack.pop();
      nextParent.pop();
      order.push(node as N);
    }
  }
  return order;
}

/**
 * The nodes of `order` (a topological order) from which one of `targets` can be reached by
 * following parents, in the same order: the only nodes a gradient can travel through on its
 * way to the targets.
 */
export function leadingTo<N extends GraphNode>(order: readonly N[], targets: ReadonlySet<GraphNode>): N[] {
  const leads = new Set<GraphNode>();
  for (const node of order) if (targets.has(node) || node.parents.some((p) => leads.has(p))) leads.add(node);
  return order.filter((node) => leads.has(node));
}
