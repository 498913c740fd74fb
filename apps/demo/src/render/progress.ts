/**
 * A progress bar for long runs, drawn on one line of stderr so stdout stays clean for --json/--csv.
 * Silent when the stream is not a terminal (or TERM=dumb) or when asked (--json, --csv): logs and
 * pipes get no carriage-return noise. Redraws at most every 100 ms, and once when stopped.
 * createStages: one line for work in stages (forward, backward pass, Jacobians, …), each stage
 * drawn as soon as it starts, the line erased at the end.
 */

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Progress {
  /** Advance by `amount` (default 1); `info` is shown after the counts, e.g. "loss 0.163". */
  tick(amount?: number, info?: string): void;
  /** Set the count done. */
  update(done: number, info?: string): void;
  /** Draw the final state and end the line. Further calls do nothing. */
  stop(): void;
  /** Erase the line instead (the next output starts where it was). Further calls do nothing. */
  clear(): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** False: draw nothing. */
  readonly enabled: boolean;
  readonly now?: () => number;
  readonly barWidth?: number;
}

export const SILENT_PROGRESS: Progress = { tick() {}, update() {}, stop() {}, clear() {} };

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  if (!options.enabled) return SILENT_PROGRESS;
  const now = options.now ?? Date.now;
  const total = Math.max(1, options.total);
  const start = now();
  let done = 0;
  let info = '';
  let lastDraw = -Infinity;
  let stopped = false;

  const draw = (): void => {
    const fraction = Math.min(1, done / total);
    const width = options.barWidth ?? 24;
    const filled = Math.round(fraction * width);
    const elapsed = (now() - start) / 1000;
    const eta = done > 0 && fraction < 1 ? ` eta ${formatSeconds((elapsed * (total - done)) / done)}` : '';
    const time = fraction >= 1 ? ` ${formatSeconds(elapsed)}` : eta;
    let line = `${options.label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(fraction * 100)
      .toString()
      .padStart(3)}% ${done}/${total}${info === '' ? '' : `  ${info}`}${time}`;
    // A terminal that reports no width (0 columns) gets the whole line, not one cut to nothing.
    const columns = stream.columns ?? 0;
    if (columns > 1 && [...line].length > columns - 1) line = [...line].slice(0, columns - 1).join('');
    stream.write(`\r${line}\u001b[K`);
    lastDraw = now();
  };
  const maybeDraw = (): void => {
    if (now() - lastDraw >= 100 || done >= total) draw();
  };
  return {
    tick(amount = 1, newInfo) {
      if (stopped) return;
      done += amount;
      if (newInfo !== undefined) info = newInfo;
      maybeDraw();
    },
    update(value, newInfo) {
      if (stopped) return;
      done = value;
      if (newInfo !== undefined) info = newInfo;
      maybeDraw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      draw();
      stream.write('\n');
    },
    clear() {
      if (stopped) return;
      stopped = true;
      if (lastDraw > -Infinity) stream.write('\r\u001b[K');
    },
  };
}

export interface Stages {
  /** An experiment's Report: stage name, units done, units in the stage. */
  report(stage: string, done: number, total: number): void;
  /** Erase the line: the work is over. */
  finish(): void;
}

/** One line for work in stages: "vanish: tanh RNN: backward pass through 200 steps ███░ 75% …". */
export function createStages(stream: ProgressStream, options: { readonly prefix: string; readonly enabled: boolean; readonly now?: () => number }): Stages {
  if (!options.enabled) return { report() {}, finish() {} };
  let current: { stage: string; bar: Progress } | undefined;
  return {
    report(stage, done, total) {
      if (current?.stage !== stage) {
        current?.bar.clear();
        current = { stage, bar: createProgress(stream, { label: `${options.prefix}: ${stage}`, total, enabled: true, now: options.now }) };
        current.bar.update(done); // the first call draws: a stage that blocks shows its name before it starts
        return;
      }
      current.bar.update(done);
    },
    finish() {
      current?.bar.clear();
      current = undefined;
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${Math.round(seconds - 60 * m)
    .toString()
    .padStart(2, '0')}s`;
}
