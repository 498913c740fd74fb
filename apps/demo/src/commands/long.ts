/** `chainrule long`: experiment 6, T = 1000 at initialization. */
import { defineCommand } from '../framework/command.js';
import { number, positiveInt } from '../framework/flags.js';
import { longDefaults, longSequences } from '../experiments/long.js';
import { compareRates, gatePathFinding, heuristicFinding, lineFinding } from '../experiments/findings.js';
import { zeroKinds } from '../experiments/zeros.js';
import { zeroCell, zeroStepsJson } from '../render/zeros.js';
import { checkCost } from '../cost/budget.js';
import { longCost } from '../cost/estimates.js';

export const longCommand = defineCommand({
  name: 'long',
  summary: 'a 1,000-step sequence at initialization: the tanh RNN’s gradient vs the LSTM’s cell state',
  description: [
    'Experiment 6 (Arjovsky, Shah & Bengio 2016). 128 units, Glorot-uniform weights, zero biases, the LSTM',
    'with forget bias 1, untrained. The RNN’s log-norm is fitted with a straight line (R² shown); the LSTM’s',
    'full cell-state gradient and its forget-gate path (Π f)⊙dE/dc_T are fitted beside it. How fast the RNN',
    'falls depends on how hard the inputs push tanh into saturation: try --input-size 1.',
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
    const zeros = (values: readonly number[]) => zeroKinds(values, { smooth: true });
    return {
      data: {
        rnn_grad_h_norms: r.rnn,
        lstm_grad_c_norms: r.lstmCell,
        lstm_grad_h_norms: r.lstmHidden,
        lstm_forget_path_norms: r.lstmPath,
        rnn_fit: { decades_per_step: r.rnnFit.slope, r2: r.rnnFit.r2 },
        lstm_fit: { decades_per_step: r.lstmFit.slope, r2: r.lstmFit.r2 },
        lstm_forget_path_fit: { decades_per_step: r.lstmPathFit.slope, r2: r.lstmPathFit.r2 },
        lstm_mean_forget_gate: r.meanForget,
        rnn_heuristic: { spectral_radius: r.rnnSpectralRadius, mean_slope: r.rnnMeanSlope, decades_per_step: r.rnnHeuristic },
        zeros: {
          rnn_grad_h_norms: zeroStepsJson(r.rnn, zeros(r.rnn)),
          lstm_grad_c_norms: zeroStepsJson(r.lstmCell, zeros(r.lstmCell)),
          lstm_grad_h_norms: zeroStepsJson(r.lstmHidden, zeros(r.lstmHidden)),
          lstm_forget_path_norms: zeroStepsJson(r.lstmPath, zeros(r.lstmPath)),
        },
      },
      figures: [
        {
          kind: 'line',
          title: `At initialization, T = ${steps}, H = ${hidden}`,
          xLabel: 't',
          yLabel: 'norm',
          x: t,
          series: [
            { name: 'tanh RNN ‖dE/dh_t‖', values: r.rnn, zeros: zeros(r.rnn) },
            { name: `LSTM full ‖dE/dc_t‖ (forget bias ${forgetBias})`, values: r.lstmCell, group: 'lstm', zeros: zeros(r.lstmCell) },
            { name: 'LSTM forget-gate path ‖(Πf)⊙dE/dc_T‖', values: r.lstmPath, group: 'lstm', style: 'bound', zeros: zeros(r.lstmPath) },
          ],
        },
        {
          kind: 'table',
          columns: [{ header: 'model' }, { header: 'decades per step', format: 'number' }, { header: 'R² of the line', format: 'number' }, { header: 'at t = 1', format: 'norm' }],
          rows: [
            ['tanh RNN', r.rnnFit.slope, r.rnnFit.r2, zeroCell(r.rnn, zeros(r.rnn), 0)],
            ['LSTM cell state (full)', r.lstmFit.slope, r.lstmFit.r2, zeroCell(r.lstmCell, zeros(r.lstmCell), 0)],
            ['LSTM forget-gate path', r.lstmPathFit.slope, r.lstmPathFit.r2, zeroCell(r.lstmPath, zeros(r.lstmPath), 0)],
          ],
        },
        {
          kind: 'text',
          lines: [
            lineFinding('The tanh RNN', r.rnn, r.rnnFit),
            heuristicFinding([{ name: 'the tanh RNN', measured: r.rnnFit.slope, heuristic: r.rnnHeuristic }]),
            compareRates({ name: 'the tanh RNN', slope: r.rnnFit.slope }, { name: 'The LSTM’s full cell-state gradient', slope: r.lstmFit.slope }),
            ...gatePathFinding({
              cell: 'LSTM',
              label: `The LSTM (forget bias ${forgetBias})`,
              full: r.lstmCell,
              path: r.lstmPath,
              fullFit: r.lstmFit,
              pathFit: r.lstmPathFit,
              meanGate: r.meanForget,
            }),
          ],
        },
      ],
    };
  },
});
