/**
 * Numbers for people. Display only: JSON and CSV keep the raw numbers (0 stays 0).
 *
 * Three things can sit at the bottom of float64 and must not be mistaken for each other:
 * - a subnormal number, between 4.9e-324 and 2.2e-308: a real value, kept with fewer digits;
 * - an exact 0 from underflow: the true value is positive but below 4.9e-324;
 * - a structural 0: 0 by construction (a term multiplied by h_0 = 0), whatever the precision.
 * The experiments say which zeros are which (series' `zeros`, figures.ts); shown without that,
 * a 0 is just "0".
 */

/** The smallest normal float64 (2^−1022); below it numbers are subnormal. */
export const MIN_NORMAL = 2.2250738585072014e-308;
/** How each kind of exact zero is labelled in charts and tables. */
export const ZERO_LABELS = { underflow: '0 (underflow)', structural: '0 (structural)', zero: '0' } as const;
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

/**
 * A gradient norm: like formatNumber, with "(subnormal)" after a number below 2.2e-308 (it keeps
 * fewer digits). An exact 0 is "0" here; where an experiment knows why it is 0, the caller says so
 * (`zeroText`).
 */
export function formatNorm(value: number, digits = 3): string {
  const text = formatNumber(value, digits);
  return value > 0 && value < MIN_NORMAL ? `${text} (subnormal)` : text;
}

/** An exact 0 of a known kind, or any other value as formatNorm shows it. */
export function zeroText(value: number, kind: keyof typeof ZERO_LABELS | null): string {
  return value === 0 && kind !== null ? ZERO_LABELS[kind] : formatNorm(value);
}

/**
 * A log10 in a table: −∞ is the log of an exact 0 (a ReLU's zero slope, ρ = 0), not an overflow, and
 * anything computed from it is no number at all.
 */
export function logCell(value: number): number | string {
  if (Number.isFinite(value)) return value;
  return value === -Infinity ? '−∞ (log10 of 0)' : 'n/a';
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
