// A user's ESM program, run against the installed tarballs: one training step of an LSTM, both ways
// the package offers (the fused sequence node; the textbook step on the fast path). Prints JSON.
import { randn, Random } from '@chainrule/autodiff';
import { useFastPath } from '@chainrule/autodiff/fast';
import { LSTMCell, Linear, SGD, mseLoss, unroll } from '@chainrule/nn';

function oneStep(fused) {
  const rng = new Random(7);
  const cell = new LSTMCell({ inputSize: 2, hiddenSize: 4, seed: rng, fused });
  const head = new Linear({ inFeatures: 4, outFeatures: 1, seed: rng });
  const xs = randn([5, 3, 2], { seed: rng }); // T = 5 steps, batch 3, 2 inputs
  const target = xs.sum(0).sum(1, true); // [3, 1]: the sum of each sequence
  const optimizer = new SGD([...cell.parameters(), ...head.parameters()], { lr: 0.05 });
  const lossOf = () => mseLoss(head.forward(unroll(cell, xs).last.h), target);
  const before = lossOf();
  optimizer.zeroGrad();
  before.backward();
  const gradWhh = cell.weightHh.grad.toArray(2);
  optimizer.step();
  return { before: before.item(), after: lossOf().item(), gradWhh };
}

const sequence = oneStep('sequence');
useFastPath();
const textbookOnFastPath = oneStep(false);
console.log(JSON.stringify({ sequence, textbookOnFastPath }));
