/**
 * Numbers for people. Display only: JSON and CSV keep the raw numbers (0 stays 0).
 *
 * float64 cannot hold a positive number below ~4.9e-324; a gradient that small becomes exactly 0
 * ("underflow"). So a norm of 0 is shown as "< 1e-308" rather than as a misleading "0", and on a log
 * axis it goes to a floor band instead of −Infinity.
 */

/** Values below this are drawn in the floor band of log plots. */
export const FLOOR = 1e-308;
export const FLOOR_LABEL = '< 1e-308';
/** +Infinity: the true value overflowed float64 (max ≈ 1.8e308). */
export const OVERFLOW_LABEL = '> 1.8e308';
/** NaN (e.g. ∞ · 0): there is no number to show. */
export const NAN_LABEL = 'n/a';

/**
 * A general number: 3 significant digits; plain in [0.01, 1000), exponent form ("1.23e-5",
 * "4.56e7") outside; 0 → "0"; ±Infinity → "> 1.8e308" / "< -1.8e308"; NaN → "n/a".
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return NAN_LABEL;
  if (value === Infinity) return OVERFLOW_LABEL;
  if (value === -Infinity) return `< -${OVERFLOW_LABEL.slice(2)}`;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 0.01 && magnitude < 1000) {
    const plain = value.toPrecision(digits);
    if (!plain.includes('e')) return plain; // 999.6 rounds to "1.00e+3": fall through
  }
  return value.toExponential(digits - 1).replace('e+', 'e');
}

/** A gradient norm: like formatNumber, but 0 (underflow) is "< 1e-308". */
export function formatNorm(value: number, digits = 3): string {
  return value === 0 ? FLOOR_LABEL : formatNumber(value, digits);
}

/** A tick on a log axis, for terminals: 10^k as "1", "10", "1e-3", "1e5". */
export function decadeLabel(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `1e${k}`;
}

/** A tick on a linear axis: integers as they are, others with up to 3 significant digits. */
export function formatTick(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const text = formatNumber(value);
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}
