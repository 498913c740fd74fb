/**
 * --json output: pretty-printed, every number exact (JSON.stringify's shortest round-trip form), 0
 * stays 0. JSON has no NaN or Infinity, so those become the STRINGS "NaN", "Infinity", "-Infinity"
 * — explicit rather than JSON.stringify's silent null, and Python's float() and JavaScript's
 * Number() both read them back. Arrays of plain values stay on one line so long series stay readable.
 */

export type JsonValue =
  | number
  | string
  | boolean
  | null
  | readonly JsonValue[]
  | Float64Array
  | { readonly [key: string]: JsonValue | undefined };

/** How a number is written in JSON and CSV: finite as is, others as "NaN" / "Infinity" / "-Infinity". */
export function encodeNumber(value: number): string {
  return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
}

export function toJsonText(value: JsonValue): string {
  return `${write(value, '')}\n`;
}

function write(value: JsonValue | undefined, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (value instanceof Float64Array || Array.isArray(value)) {
    const items: readonly (JsonValue | undefined)[] = value instanceof Float64Array ? Array.from(value) : value;
    if (items.length === 0) return '[]';
    if (items.every((item) => item === null || typeof item !== 'object')) {
      return `[${items.map((item) => write(item, inner)).join(', ')}]`;
    }
    return `[\n${items.map((item) => inner + write(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: JsonValue | undefined }).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
}
