/**
 * A progress bar for long runs (training), drawn on one line of stderr so stdout stays clean for
 * --json/--csv. Silent when the stream is not a terminal or when asked (--json, --csv): logs and
 * pipes get no carriage-return noise. Redraws at most every 100 ms, and once when stopped.
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
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** False: draw nothing. */
  readonly enabled: boolean;
  readonly now?: () => number;
  readonly barWidth?: number;
}

export const SILENT_PROGRESS: Progress = { tick() {}, update() {}, stop() {} };

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
    if (stream.columns !== undefined && line.length > stream.columns - 1) line = line.slice(0, stream.columns - 1);
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
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${Math.round(seconds - 60 * m)
    .toString()
    .padStart(2, '0')}s`;
}
