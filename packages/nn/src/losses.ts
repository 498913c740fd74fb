/**
 * Losses: one number to backpropagate from. Both average, as PyTorch's default reduction does.
 *
 *   mseLoss(pred, target)           mean((pred − target)²) over every element
 *   crossEntropy(logits, targets)   mean over the batch of −log softmax(logits_b)[targets_b]
 */
import { formatShape, tensor, Tensor, type NestedArray } from '@chainrule/autodiff';
import { checkShape, checkTensor } from './checks.js';

/**
 * Mean squared error, mean((pred − target)²) over all elements; d/dpred = 2(pred − target)/n.
 * `target` is a constant (a tensor or nested arrays) of pred's shape.
 */
export function mseLoss(pred: Tensor, target: Tensor | NestedArray): Tensor {
  checkTensor('mseLoss', 'pred', pred);
  let y: Tensor;
  try {
    y = target instanceof Tensor ? target : tensor(target);
  } catch (error) {
    throw new Error(`mseLoss: target: ${(error as Error).message}`);
  }
  if (formatShape(y.shape) !== formatShape(pred.shape)) {
    throw new Error(`mseLoss: target has shape ${formatShape(y.shape)}, pred has ${formatShape(pred.shape)}`);
  }
  const diff = pred.sub(y);
  return diff.mul(diff).mean();
}

/**
 * Cross-entropy from logits [B, C] and integer class indices (one per row):
 *
 *   loss = (1/B) Σ_b −log softmax(logits_b)[t_b] = (1/B) Σ_b (logsumexp(logits_b) − logits_b[t_b])
 *   d loss / d logits = (softmax(logits) − onehot(t)) / B
 *
 * Through logSoftmax, which subtracts each row's max first, so logits of ±1000 give finite,
 * exact numbers (e^1000 would overflow). Each row's target entry is picked out with `takeAlong`
 * (multiplying by a one-hot mask instead would turn a −∞ logit elsewhere in the row into NaN: 0 · −∞).
 */
export function crossEntropy(logits: Tensor, targets: ArrayLike<number>): Tensor {
  const [B, C] = checkShape('crossEntropy', 'logits', logits, ['batch', 'classes']).shape;
  if (targets?.length !== B) {
    throw new Error(`crossEntropy: ${String(targets?.length)} targets for a batch of ${B} (logits ${formatShape(logits.shape)})`);
  }
  for (let b = 0; b < B; b++) {
    const t = targets[b];
    if (!Number.isInteger(t) || t < 0 || t >= C) {
      throw new Error(`crossEntropy: targets[${b}] = ${t} is not a class index in [0, ${C})`);
    }
  }
  return logits.logSoftmax(1).takeAlong(1, targets).sum().div(-B);
}
