/** `chainrule graph`: an unrolled cell's computation graph as Graphviz DOT or Mermaid text. */
import { defineCommand } from '../framework/command.js';
import { integer, oneOf, positiveInt } from '../framework/flags.js';
import { CELL_KINDS } from '../cell-kind.js';
import { unrolledGraph } from '../experiments/graph.js';

export const graphCommand = defineCommand({
  name: 'graph',
  summary: 'an unrolled cell’s computation graph as DOT or Mermaid, repeated steps collapsed',
  description: [
    'The graph backprop walks: every op of every step, with the weights shared across steps. Each step is',
    'a box; all but the first --keep steps and the last are collapsed into one. Render DOT with',
    '`dot -Tsvg graph.dot > graph.svg` (Graphviz), Mermaid in any Markdown viewer that supports it.',
  ],
  flags: {
    cell: oneOf(CELL_KINDS, { description: 'the cell', default: 'rnn' }),
    steps: positiveInt({ description: 'time steps to unroll', default: 5, max: 10_000 }),
    keep: integer({ description: 'steps drawn in full before the collapsed ones', default: 2, min: 0, max: 10_000 }),
    hidden: positiveInt({ description: 'hidden units H', default: 3, max: 64 }),
    format: oneOf(['dot', 'mermaid'] as const, { description: 'output language', default: 'dot' }),
  },
  examples: ['graph > rnn.dot', 'graph --cell lstm --steps 50 --format mermaid', 'graph --keep 100 --steps 3'],
  run: ({ cell, steps, keep, hidden, format }, { seed }) => {
    const text = unrolledGraph({ cell, steps, keepSteps: keep, hiddenSize: hidden, inputSize: 2, format, seed });
    return { data: { format, text }, figures: [{ kind: 'text', lines: [text] }] };
  },
});
