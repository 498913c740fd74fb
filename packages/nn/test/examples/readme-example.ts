import { randn, Random } from '@chainrule/autodiff';
import { Adam, GRUCell, Linear, mseLoss, unroll } from '@chainrule/nn';

// A GRU reads 10 numbers and learns to say their mean.
const rng = new Random(0);
const cell = new GRUCell({ inputSize: 1, hiddenSize: 8, seed: rng });
const head = new Linear({ inFeatures: 8, outFeatures: 1, seed: rng });
const optimizer = new Adam([...cell.parameters(), ...head.parameters()], { lr: 0.01 });

for (let step = 1; step <= 200; step++) {
  const xs = randn([10, 32, 1], { seed: rng }); // 10 steps of a batch of 32 sequences
  const target = xs.mean(0); // [32, 1]: each sequence's mean
  const prediction = head.forward(unroll(cell, xs).last);
  const loss = mseLoss(prediction, target);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if (step === 1 || step % 50 === 0) console.log(`step ${step}: loss ${loss.item().toFixed(5)}`);
}
