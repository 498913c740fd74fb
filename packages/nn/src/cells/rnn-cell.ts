/**
 * The vanilla (Elman) RNN cell, PyTorch's torch.nn.RNNCell plus sigmoid and identity:
 *
 *   h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)          x [B, I], h [B, H] → h' [B, H]
 *
 * With activation 'sigmoid' and bias false this is exactly the textbook cell of docs/experiments.md,
 * c(t) = σ(W_rec c(t−1) + W_in x(t)), with W_rec = weight_hh, W_in = weight_ih and c = h
 * (rows of x and h are batch entries, hence the transposes).
 *
 * Backprop through one step multiplies the gradient by dh'/dh = diag(act'(a)) · W_hh, the
 * factor that shrinks or grows the gradient at every step of a long sequence.
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { activate, checkActivation, type Activation } from '../activations.js';
import { linear } from '../linear.js';
import { RecurrentCell, type CellOptions, type CellWeights } from './recurrent-cell.js';

/** One RNN step with the given weights (no shape checks): h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
export function rnnStep(activation: Activation, w: CellWeights, x: Tensor, h: Tensor): Tensor {
  const preActivation = linear(x, w.weightIh, w.biasIh).add(linear(h, w.weightHh, w.biasHh));
  return activate(activation, preActivation);
}

/** Options of {@link RNNCell}: those of every cell, and the activation. */
export interface RNNCellOptions extends CellOptions {
  /** Default 'tanh', as in PyTorch. */
  readonly activation?: Activation;
}

/** The vanilla RNN cell: its state is one tensor h [batch, H]. */
export class RNNCell extends RecurrentCell<Tensor> {
  /** act, applied to the pre-activation x W_ihᵀ + b_ih + h W_hhᵀ + b_hh. */
  readonly activation: Activation;

  /** Draws the weights from U(−1/√H, 1/√H), as PyTorch does. */
  constructor(options: RNNCellOptions) {
    super('RNNCell', 1, options);
    this.activation = checkActivation('RNNCell', options.activation ?? 'tanh');
  }

  /** h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
  forward(x: Tensor, h: Tensor): Tensor {
    this.checkStep('RNNCell.forward', x, 'h', h);
    return rnnStep(this.activation, this, x, h);
  }

  /** h = 0, [batchSize, H]. */
  zeroState(batchSize: number): Tensor {
    return zeros([batchSize, this.hiddenSize]);
  }
}
