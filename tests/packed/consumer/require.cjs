// CommonJS: require() of the ESM packages, which Node supports from 20.19 and 22.12 on.
const { Value } = require('@chainrule/autodiff');
const { RNNCell } = require('@chainrule/nn');
const x = new Value(3);
const y = x.mul(x);
y.backward();
console.log(JSON.stringify({ grad: x.grad, cell: new RNNCell({ inputSize: 1, hiddenSize: 2, seed: 0 }).parameters().length }));
