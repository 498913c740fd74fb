/** Flag values that must come in order: explode's grid ranges. */
import { UsageError } from '../framework/errors.js';

/** --w-min < --w-max and --b-min < --b-max: a reversed or empty range is an error naming both flags. */
export function checkRanges(f: { readonly wMin: number; readonly wMax: number; readonly bMin: number; readonly bMax: number }): void {
  for (const [axis, min, max] of [
    ['w', f.wMin, f.wMax],
    ['b', f.bMin, f.bMax],
  ] as const) {
    if (!(min < max)) {
      throw new UsageError(`--${axis}-min ${min} must be less than --${axis}-max ${max}${min > max ? ' (the range is reversed)' : ' (the range is empty)'}`);
    }
  }
}
