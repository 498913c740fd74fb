/**
 * The GRU cell (Cho et al. 2014), PyTorch's torch.nn.GRUCell. Blocks of H in the order r, z, n
 * (rows of weight_ih [3H, I] and weight_hh [3H, H]); the reset gate multiplies W_hn h + b_hn,
 * after the product (as PyTorch and cuDNN do, not before it as in the paper):
 *
 *   r  = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)          reset gate
 *   z  = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz)          update gate
 *   n  = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn))  candidate
 *   h' = (1 − z) ⊙ n + z ⊙ h
 *
 * Where z ≈ 1 the old state passes through unchanged, with dh'/dh ≈ diag(z).
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { linear } from '../linear.js';
import { RecurrentCell, type CellOptions, type CellWeights } from './recurrent-cell.js';

/** One GRU step with the given weights (no shape checks); the equations at the top of this file. */
export function gruStep(w: CellWeights, x: Tensor, h: Tensor): Tensor {
  const H = h.shape[1];
  const [xR, xZ, xN] = linear(x, w.weightIh, w.biasIh).split(H, 1); // x W_iᵀ + b_i, per block
  const [hR, hZ, hN] = linear(h, w.weightHh, w.biasHh).split(H, 1); // h W_hᵀ + b_h, per block
  const r = xR.add(hR).sigmoid();
  const z = xZ.add(hZ).sigmoid();
  const n = xN.add(r.mul(hN)).tanh();
  return z.neg().add(1).mul(n).add(z.mul(h)); // h' = (1 − z) ⊙ n + z ⊙ h
}

/** Options of {@link GRUCell}: those every cell takes. */
export type GRUCellOptions = CellOptions;

/** PyTorch's GRU cell: its state is one tensor h [batch, H]. */
export class GRUCell extends RecurrentCell<Tensor> {
  /** Draws the weights from U(−1/√H, 1/√H), as PyTorch does. */
  constructor(options: GRUCellOptions) {
    super('GRUCell', 3, options);
  }

  /** One step: h' from x [batch, I] and h [batch, H] (the equations at the top of this file). */
  forward(x: Tensor, h: Tensor): Tensor {
    this.checkStep('GRUCell.forward', x, 'h', h);
    return gruStep(this, x, h);
  }

  /** h = 0, [batchSize, H]. */
  zeroState(batchSize: number): Tensor {
    return zeros([batchSize, this.hiddenSize]);
  }
}
