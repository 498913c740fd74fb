/**
 * Whether new tensor operations are recorded for backpropagation. Inside `noGrad(fn)` they are
 * not: results are plain constants and no graph is kept alive (evaluation, optimizer updates,
 * and the backward pass itself all run this way).
 */
let recording = true;

/** Whether operations are being recorded now (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return recording;
}

/** Runs `fn` without recording a graph, and returns what it returns. */
export function noGrad<T>(fn: () => T): T {
  const previous = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/** Runs `fn` with recording on (inside `noGrad` too), and returns what it returns. */
export function enableGrad<T>(fn: () => T): T {
  const previous = recording;
  recording = true;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}
