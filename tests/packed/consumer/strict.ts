// A strict TypeScript user of the installed tarballs (tsc --strict --module nodenext
// --noUncheckedIndexedAccess, no @types/node): reading gradients must need no cast.
import { tensor, type Tensor } from '@chainrule/autodiff';
import { LSTMCell, unroll, type LSTMTrajectory } from '@chainrule/nn';

const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 0 });
const xs: Tensor[] = [tensor([[1, 2]]), tensor([[0.5, -1]])];
const trajectory: LSTMTrajectory = unroll(cell, xs);
trajectory.last.h.sum().backward();

const dWhh: number[][] | undefined = cell.weightHh.grad?.toArray(2);
const first: number | undefined = dWhh?.[0]?.[0];
const perStep: number[] = trajectory.h.map((h) => h.grad?.toArray(2)[0]?.[0] ?? 0);
const bias: number[] | undefined = cell.biasIh?.grad?.toArray(1);
const loss: number = trajectory.last.c.sum().item();

export const read = { first, perStep, bias, loss };
