/**
 * @chainrule/nn: recurrent cells, layers, losses and optimizers on @chainrule/autodiff, with
 * PyTorch's names, layouts and formulas, so weights and results can be checked against it.
 *
 * Reading order: module.ts (parameters and state dicts), cells/ (rnn-cell.ts, lstm-cell.ts,
 * gru-cell.ts: one cell each, equations beside the code), unroll.ts (a sequence), losses.ts,
 * optim/ (SGD, Adam, RMSProp, gradient clipping), init.ts. The fused LSTM, the same math with its
 * derivative written by hand for speed, is in fused/, beside the cells and checked against them.
 */
export { Module, type StateDict, type StateDictInput } from './module.js';
export { Linear, linear, type LinearOptions } from './linear.js';
export { ACTIVATIONS, activate, type Activation } from './activations.js';
export { RecurrentCell, type CellOptions, type CellWeights } from './cells/recurrent-cell.js';
export { RNNCell, rnnStep, type RNNCellOptions } from './cells/rnn-cell.js';
export { LSTMCell, type LSTMCellOptions } from './cells/lstm-cell.js';
export { lstmStep, lstmStepUnfused, gatePreactivations, type LSTMState } from './cells/lstm-step.js';
export { GRUCell, gruStep, type GRUCellOptions } from './cells/gru-cell.js';
export { lstmStepFused, lstmPointwise } from './fused/lstm-step.js';
export { forgetGates, updateGates, gatePath } from './gate-paths.js';
export { lstmSequence } from './fused/lstm-sequence.js';
export { unroll, type Trajectory, type LSTMTrajectory, type TrajectoryOf } from './unroll.js';
export {
  initUniform,
  initNormal,
  initGlorotUniform,
  initOrthogonal,
  pytorchDefaultBound,
  randomFrom,
  type Seed,
} from './init.js';
export { cellFromModelFile, toModelFile, type ModelFile, type AnyCell } from './model-file.js';
export { mseLoss, crossEntropy } from './losses.js';
export { Optimizer } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, type AdamOptions, type AdamState } from './optim/adam.js';
export { RMSProp, type RMSPropOptions } from './optim/rmsprop.js';
export { clipGradNorm } from './optim/clip-grad-norm.js';
export { pascanuRegularizer, type PascanuOptions } from './regularizers/pascanu.js';
