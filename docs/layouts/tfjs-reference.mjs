// Prints what TensorFlow.js's Layers API computes for the two example models of
// docs/parameter-layouts.md, so the page can quote TF.js's own numbers.
// TF.js is one of the benchmark's peers; install them first:
//   pnpm --dir apps/bench/peers install && node docs/layouts/tfjs-reference.mjs
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../apps/bench/peers/package.json', import.meta.url));
const tf = require('@tensorflow/tfjs');

const xs = [[1, 0.5], [-0.5, 1], [0.25, -1]]; // T = 3 steps of 2 inputs, batch of 1

const lstm = {
  kernel: [[0.1, -0.2, 0.3, 0.0, -0.1, 0.2, 0.4, -0.3], [0.2, 0.1, -0.3, 0.2, 0.3, -0.2, 0.1, 0.1]],
  recurrentKernel: [[0.05, -0.1, 0.2, 0.1, -0.2, 0.1, 0.3, 0.0], [-0.1, 0.2, 0.1, -0.05, 0.1, 0.3, -0.2, 0.2]],
  bias: [0.0, 0.1, 1.0, 1.0, 0.0, -0.15, 0.2, 0.0],
};
const rnn = {
  kernel: [[0.5, -0.3], [0.2, 0.4]],
  recurrentKernel: [[0.1, -0.6], [0.3, 0.2]],
  bias: [0.05, -0.1],
};

function run(layer, weights) {
  const model = tf.sequential({ layers: [layer] });
  model.setWeights([tf.tensor2d(weights.kernel), tf.tensor2d(weights.recurrentKernel), tf.tensor1d(weights.bias)]);
  const out = model.predict(tf.tensor3d([xs])).arraySync()[0];
  return out.map((row) => row.map((v) => Number(v.toFixed(6))));
}

await tf.setBackend('cpu');
console.log(`TF.js ${tf.version.tfjs}, backend ${tf.getBackend()}`);
console.log('lstm, recurrentActivation sigmoid:', JSON.stringify(run(tf.layers.lstm({ units: 2, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [3, 2] }), lstm)));
console.log('lstm, default (hardSigmoid):      ', JSON.stringify(run(tf.layers.lstm({ units: 2, returnSequences: true, inputShape: [3, 2] }), lstm)));
console.log('simpleRNN, tanh:                   ', JSON.stringify(run(tf.layers.simpleRNN({ units: 2, returnSequences: true, inputShape: [3, 2] }), rnn)));
