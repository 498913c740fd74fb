import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/render/table.js';

describe('renderTable', () => {
  it('aligns columns: text left, numbers right, formatted per column', () => {
    const text = renderTable({
      kind: 'table',
      title: 'summary',
      columns: [{ header: 'cell' }, { header: '‖dE/dh_1‖', format: 'norm' }, { header: 'T', format: 'integer' }],
      rows: [
        ['sigmoid RNN', 0, 200],
        ['LSTM', 0.0123, 5],
        ['GRU', 1e-320, 7],
      ],
    });
    // A bare 0 in a table is "0" (its kind, where known, is the command's to say: zeroText); a
    // subnormal is marked.
    expect(text.split('\n')).toEqual([
      'summary',
      'cell                     ‖dE/dh_1‖    T',
      '───────────  ─────────────────────  ───',
      'sigmoid RNN                      0  200',
      'LSTM                        0.0123    5',
      'GRU          1.00e-320 (subnormal)    7',
    ]);
  });

  it('handles no rows and explicit alignment', () => {
    const text = renderTable({ kind: 'table', columns: [{ header: 'a', align: 'right' }, { header: 'bb' }], rows: [] });
    expect(text.split('\n')).toEqual(['a  bb', '─  ──']);
  });
});
