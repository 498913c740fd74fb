/** `chainrule graph`: an unrolled cell's computation graph as DOT or Mermaid text, or drawn as a picture. */
import { defineCommand } from '../framework/command.js';
import { integer, oneOf, positiveInt } from '../framework/flags.js';
import { CELL_KINDS } from '../cell-kind.js';
import { unrolledGraph } from '../experiments/graph.js';
import { checkCost } from '../cost/budget.js';
import { graphCost } from '../cost/estimates.js';

/** "an RNN", "an LSTM", "a GRU": as the letters are read. */
const ARTICLE = { rnn: 'an', lstm: 'an', gru: 'a' } as const;

export const graphCommand = defineCommand({
  name: 'graph',
  summary: 'an unrolled cell’s computation graph: DOT or Mermaid text, or a picture (--svg, --html)',
  description: [
    'The graph backprop walks: every op of every step, with the weights shared across steps. Each step is',
    'a box; all but the first --keep steps and the last are collapsed into one. --svg and --html draw it',
    'with Graphviz (compiled to WebAssembly, built in); the text is DOT or Mermaid (--format).',
  ],
  outputs: ['json', 'svg', 'html'],
  flags: {
    cell: oneOf(CELL_KINDS, { description: 'the cell', default: 'rnn' }),
    // Bounded so the command stays within seconds (10,000 steps: about 4 s for an RNN, 7 s for an
    // LSTM here, picture included): the view and the export are linear in the graph's size.
    steps: positiveInt({ description: 'time steps to unroll', default: 5, max: 10_000 }),
    keep: integer({ description: 'steps drawn in full before the collapsed ones', default: 2, min: 0, max: 50 }),
    hidden: positiveInt({ description: 'hidden units H', default: 3, max: 64 }),
    format: oneOf(['dot', 'mermaid'] as const, { description: 'output language', default: 'dot' }),
  },
  examples: ['graph --svg rnn.svg', 'graph --cell lstm --html lstm-graph.html', 'graph > rnn.dot', 'graph --cell lstm --steps 50 --format mermaid'],
  preflight: (f) => checkCost(graphCost(f)),
  run: ({ cell, steps, keep, hidden, format }, { seed }) => {
    const texts = unrolledGraph({ cell, steps, keepSteps: keep, hiddenSize: hidden, inputSize: 2, seed });
    const text = texts[format];
    const title = `The computation graph of ${ARTICLE[cell]} ${cell.toUpperCase()} unrolled over ${steps} step${steps === 1 ? '' : 's'}`;
    return { data: { format, text }, figures: [{ kind: 'diagram', title, dot: texts.dot, text, language: format }] };
  },
});
