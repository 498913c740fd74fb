/**
 * `show(x)`: a short, safe description of any argument for an error message. It never throws
 * (a Symbol, a BigInt, a cycle or a getter that throws are all shown), so checking an argument
 * cannot itself end in an internal TypeError.
 */
export function show(value: unknown): string {
  try {
    switch (typeof value) {
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'string':
        return JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value);
      case 'bigint':
        return `the bigint ${value}n`;
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      case 'undefined':
        return 'undefined';
      case 'boolean':
        return String(value);
      default:
        if (value === null) return 'null';
        if (Array.isArray(value)) {
          const items = value.slice(0, 6).map((v) => (Array.isArray(v) ? `[…${v.length}]` : typeof v === 'object' && v !== null ? '{…}' : show(v)));
          return `[${items.join(',')}${value.length > 6 ? ',…' : ''}]`;
        }
        if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
        {
          const name = (value as object).constructor?.name;
          return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
        }
    }
  } catch {
    return 'an unprintable value';
  }
}

/** True for an array whose items are all integers (a shape, a list of axes). */
export function isIntegerList(value: unknown): value is readonly number[] {
  return Array.isArray(value) && Array.from(value).every((d) => Number.isInteger(d));
}

/** The checkers' first two arguments: a function, and an array of inputs (Tensors, or numbers for the scalar one). */
export function checkFunctionAndInputs(op: string, f: unknown, inputs: unknown): void {
  if (typeof f !== 'function') throw new Error(`${op}: f must be a function, got ${show(f)}`);
  if (!Array.isArray(inputs)) throw new Error(`${op}: inputs must be an array, got ${show(inputs)}`);
}
