/**
 * The three recurrent cells, by the names a model file gives them (`"cell"` in @chainrule/nn's
 * ModelFile). Commands offer them as choices, experiments build them, the file checks accept them:
 * one list, so a fourth cell would be added in one place.
 */
import type { ModelFile } from '@chainrule/nn';

export type CellKind = ModelFile['cell'];

export const CELL_KINDS = ['rnn', 'lstm', 'gru'] as const satisfies readonly CellKind[];
