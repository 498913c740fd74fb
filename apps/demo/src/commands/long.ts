/** `chainrule long`: experiment 6, T = 1000 at initialization. */
import { defineCommand } from '../framework/command.js';
import { number, positiveInt } from '../framework/flags.js';
import { formatNorm, formatNumber } from '../render/format.js';
import { longDefaults, longSequences } from '../experiments/long.js';
import { checkCost } from '../cost/budget.js';
import { longCost } from '../cost/estimates.js';

export const longCommand = defineCommand({
  name: 'long',
  summary: 'a 1,000-step sequence at initialization: the tanh RNN’s gradient vs the LSTM’s cell state',
  description: [
    'Experiment 6 (Arjovsky, Shah & Bengio 2016). 128 units, Glorot-uniform weights, zero biases, the LSTM',
    'with forget bias 1, untrained. The RNN’s log-norm falls on a straight line (R² shown); the LSTM’s',
    'cell-state gradient falls more slowly. How fast the RNN falls depends on how hard the inputs push',
    'tanh into saturation: try --input-size 1.',
  ],
  flags: {
    steps: positiveInt({ description: 'sequence length T', default: longDefaults.steps, max: 100_000 }),
    hidden: positiveInt({ description: 'hidden units H', default: longDefaults.hiddenSize, max: 1024 }),
    inputSize: positiveInt({ description: 'numbers per input step (each ~ N(0, 1))', default: longDefaults.inputSize, max: 1024 }),
    forgetBias: number({ description: "the LSTM's forget-gate bias", default: longDefaults.forgetBias, min: -20, max: 20 }),
  },
  examples: ['long', 'long --input-size 1', 'long --steps 3000 --svg long.svg'],
  preflight: (f) => checkCost(longCost(f)),
  run: ({ steps, hidden, inputSize, forgetBias }, { seed, report }) => {
    const r = longSequences({ steps, hiddenSize: hidden, inputSize, forgetBias, seed }, report);
    const t = Array.from({ length: steps }, (_, i) => i + 1);
    return {
      data: {
        rnn_grad_h_norms: r.rnn,
        lstm_grad_c_norms: r.lstmCell,
        lstm_grad_h_norms: r.lstmHidden,
        rnn_fit: { decades_per_step: r.rnnFit.slope, r2: r.rnnFit.r2 },
        lstm_fit: { decades_per_step: r.lstmFit.slope, r2: r.lstmFit.r2 },
      },
      figures: [
        {
          kind: 'line',
          title: `At initialization, T = ${steps}, H = ${hidden}`,
          xLabel: 't',
          yLabel: 'norm',
          x: t,
          series: [
            { name: 'tanh RNN ‖dE/dh_t‖', values: r.rnn },
            { name: `LSTM ‖dE/dc_t‖ (forget bias ${forgetBias})`, values: r.lstmCell },
          ],
        },
        {
          kind: 'table',
          columns: [{ header: 'model' }, { header: 'decades per step', format: 'number' }, { header: 'R² of the line', format: 'number' }, { header: 'at t = 1', format: 'norm' }],
          rows: [
            ['tanh RNN', r.rnnFit.slope, r.rnnFit.r2, r.rnn[0]],
            ['LSTM cell state', r.lstmFit.slope, r.lstmFit.r2, r.lstmCell[0]],
          ],
        },
        {
          kind: 'text',
          lines: [
            `The RNN loses ${formatNumber(-r.rnnFit.slope)} decades per step, on a straight line (R² = ${formatNumber(r.rnnFit.r2, 4)}): after ${steps - 1} steps ${formatNorm(r.rnn[0])} is left.`,
            `The LSTM’s cell state loses ${formatNumber(-r.lstmFit.slope)} decades per step: ${formatNumber(r.rnnFit.slope / r.lstmFit.slope)}× slower.`,
          ],
        },
      ],
    };
  },
});
