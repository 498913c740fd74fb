/**
 * chainrule T3 (time to solve): the adding problem with an LSTM from @chainrule/nn, trained
 * until the test MSE falls below 0.01. Pending until @chainrule/nn has LSTMCell and Adam.
 */
import * as nn from '@chainrule/nn';
import { PendingError, type Case } from '../case.js';

export default async function setup(): Promise<Case> {
  const api = nn as Record<string, unknown>;
  const missing = ['LSTMCell', 'Adam'].filter((name) => typeof api[name] !== 'function');
  if (missing.length > 0) throw new PendingError(`needs ${missing.join(', ')} from @chainrule/nn`);
  throw new PendingError('T3 training loop not written yet');
}
