/** The activations an RNNCell can use, by name. */
import type { Tensor } from '@chainrule/autodiff';

/** Every activation an RNN cell accepts, by name. */
export const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'identity'] as const;
/** One of {@link ACTIVATIONS}. */
export type Activation = (typeof ACTIVATIONS)[number];

/**
 * act(a) elementwise. Their derivatives bound how fast an RNN's gradient can shrink
 * (Pascanu et al. 2013): |tanh'| ≤ 1, |σ'| ≤ 1/4, relu' ∈ {0, 1}, identity' = 1.
 */
export function activate(activation: Activation, a: Tensor): Tensor {
  switch (activation) {
    case 'tanh':
      return a.tanh();
    case 'sigmoid':
      return a.sigmoid();
    case 'relu':
      return a.relu();
    case 'identity':
      return a;
  }
}

/** Returns `name` if it is a known activation, else throws naming the owner and the choices. */
export function checkActivation(owner: string, name: unknown): Activation {
  if (!(ACTIVATIONS as readonly unknown[]).includes(name)) {
    throw new Error(`${owner}: unknown activation ${JSON.stringify(name)} (expected one of ${ACTIVATIONS.join(', ')})`);
  }
  return name as Activation;
}
