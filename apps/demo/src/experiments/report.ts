/**
 * How an experiment says how far along it is, for a progress line on a terminal: the stage it is
 * in (e.g. "sigmoid RNN: backward pass through 200 steps") and how many of that stage's units are
 * done. The experiments stay pure: they only call this; the framework decides whether to draw.
 */
export type Report = (stage: string, done: number, total: number) => void;

export const SILENT: Report = () => {};

/** The same report with every stage named after `prefix` ("tanh RNN: forward"). */
export function prefixed(report: Report, prefix: string): Report {
  return report === SILENT ? SILENT : (stage, done, total) => report(`${prefix}: ${stage}`, done, total);
}
