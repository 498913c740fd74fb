/**
 * The elementwise half of an LSTM step, fused: from the gate pre-activations z = [a_i, a_f, a_g, a_o]
 * ([B, 4H], one block of H columns per gate) and the old cell state c [B, H], compute
 *
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 *
 * Written with tensor ops (`lstmStepUnfused` in lstm-cell.ts) the same math is 4 slices, 4
 * activations, 3 products, a sum and a tanh: thirteen arrays on the way forward and about
 * twenty more on the way back, per time step. Here everything up to c' and o is ONE loop,
 * recorded as one node by `customVjp` (@chainrule/autodiff), which saves the four gate values
 * for its backward pass, also one loop. Tested against the unfused composition and against
 * central differences (test/lstm-pointwise.test.ts).
 *
 * Why h' = o ⊙ tanh(c') stays outside the node, as two ordinary ops: a tensor's `.grad` is the
 * gradient that flows into it from the ops that use it. With h' computed inside the node, nothing
 * later would use c' on the way to h', and c'.grad would miss the path through h' — but the whole
 * dE/dc' is what the constant error carousel is about (and what PyTorch's fixtures check).
 *
 * The node's backward pass, per element, from dc' (all of dE/dc': through h' and later steps)
 * and do (from h'):
 *
 *   da_i = dc' · g · i(1 − i)      c' = f · c + i · g,  σ' = σ(1 − σ)
 *   da_f = dc' · c · f(1 − f)
 *   da_g = dc' · i · (1 − g²)      tanh' = 1 − tanh²
 *   da_o = do · o(1 − o)
 *   dc   = dc' · f                  the constant error carousel: dc'/dc = f
 */
import { customVjp, empty, stableSigmoid, type Tensor } from '@chainrule/autodiff';

/** What the forward pass keeps for the backward pass. */
interface Saved {
  /** i, f, g after their activations, [B, 4H] laid out as z (the o block unused: o is an output). */
  readonly gates: Float64Array;
  /** The old cell state c, [B, H] (the input's own array). */
  readonly cPrevious: Float64Array;
}

const cellUpdate = customVjp<Saved>({
  name: 'lstmCellUpdate',

  outputShapes: ([z, c]) => {
    const [B, H] = c.length === 2 ? c : [-1, -1];
    if (z.length !== 2 || B < 0 || z[0] !== B || z[1] !== 4 * H) {
      throw new Error(`lstmPointwise: expected z [B, 4H] and c [B, H], got z [${z.join(',')}] and c [${c.join(',')}]`);
    }
    return [c, c]; // c' and o
  },

  forward: ([z, cPrevious], [cNext, o]) => {
    const [B, H] = cPrevious.shape;
    const a = z.data;
    const c = cPrevious.data;
    const gates = empty([B, 4 * H]).data;
    for (let r = 0; r < B; r++) {
      for (let u = 0; u < H; u++) {
        const at = r * 4 * H + u; // this unit's a_i; a_f, a_g, a_o follow H, 2H, 3H further on
        const k = r * H + u;
        const i = stableSigmoid(a[at]);
        const f = stableSigmoid(a[at + H]);
        const g = Math.tanh(a[at + 2 * H]);
        cNext[k] = f * c[k] + i * g; // c' = f ⊙ c + i ⊙ g
        o[k] = stableSigmoid(a[at + 3 * H]);
        gates[at] = i;
        gates[at + H] = f;
        gates[at + 2 * H] = g;
      }
    }
    return { gates, cPrevious: c };
  },

  backward: ({ grads: [dcNext, dOutputGate], saved: { gates, cPrevious }, inputs: [z, c], outputs: [, o], needsGrad: [needZ, needC] }) => {
    const [B, H] = c.shape;
    const dz = needZ ? empty(z.shape) : null;
    const dc = needC ? empty(c.shape) : null;
    const dcNextData = dcNext.data;
    const doData = dOutputGate.data;
    const oData = o.data;
    const dzData = dz?.data;
    const dcData = dc?.data;
    for (let r = 0; r < B; r++) {
      for (let u = 0; u < H; u++) {
        const at = r * 4 * H + u;
        const k = r * H + u;
        const i = gates[at];
        const f = gates[at + H];
        const g = gates[at + 2 * H];
        const ov = oData[k];
        const dcv = dcNextData[k];
        if (dzData !== undefined) {
          dzData[at] = dcv * g * i * (1 - i); // da_i = dc'·g·i(1 − i)
          dzData[at + H] = dcv * cPrevious[k] * f * (1 - f); // da_f = dc'·c·f(1 − f)
          dzData[at + 2 * H] = dcv * i * (1 - g * g); // da_g = dc'·i·(1 − g²)
          dzData[at + 3 * H] = doData[k] * ov * (1 - ov); // da_o = do·o(1 − o)
        }
        if (dcData !== undefined) dcData[k] = dcv * f; // dc = dc'·f
      }
    }
    return [dz, dc];
  },
});

/**
 * h' and c' from the gate pre-activations z [B, 4H] (blocks i, f, g, o) and the cell state
 * c [B, H]: c' and o from the fused node, then h' = o ⊙ tanh(c') (see the top of this file).
 */
export function lstmPointwise(z: Tensor, c: Tensor): { h: Tensor; c: Tensor } {
  const [cNext, o] = cellUpdate(z, c);
  return { h: o.mul(cNext.tanh()), c: cNext };
}
