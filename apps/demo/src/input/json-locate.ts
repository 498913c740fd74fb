/**
 * Where a JSON text first goes wrong, for the messages of json-file.ts. V8's JSON.parse gives a
 * position for some errors and none for others (`NaN`, a stray letter), so this scanner walks the
 * text by JSON's grammar (RFC 8259) and returns the offset of the first character that cannot be
 * there, with what was wrong. It only locates: the parsing itself is JSON.parse's.
 */

export interface JsonProblem {
  /** Offset (in UTF-16 code units) of the first bad character; the text's length for an early end. */
  readonly offset: number;
  readonly reason: string;
}

/** Line and column (both from 1) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Shows one character safely: printable ones quoted, others as U+XXXX. */
export function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd || code === 0xfeff) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${c}'`;
}

/** The first problem in `text`, or null when it is valid JSON. */
export function locateJsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const n = text.length;
  class Stop {
    readonly problem: JsonProblem;
    constructor(problem: JsonProblem) {
      this.problem = problem;
    }
  }
  const fail = (offset: number, reason: string): never => {
    throw new Stop({ offset, reason });
  };
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const unexpected = (what: string): never => {
    if (i >= n) return fail(n, `the JSON ends too early, expected ${what} (a missing bracket or quote?)`);
    const rest = text.slice(i, i + 9);
    const word = /^(NaN|-?Infinity|undefined)/.exec(rest);
    if (word !== null) return fail(i, `${word[1]} is not a JSON value (JSON has no NaN or Infinity)`);
    return fail(i, `unexpected ${showChar(text[i])}, expected ${what}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else unexpected('a value');
  };
  const string = () => {
    i++; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail(i, `${showChar(text[i])} inside a string (control characters must be escaped)`);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i, 'an unknown escape in a string');
      } else i++;
    }
    fail(n, 'the JSON ends inside a string (a missing quote?)');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null || match[0] === '' || match[0] === '-') return unexpected('a value');
    i += match[0].length;
  };
  const value = (depth: number): void => {
    // Deeper than any model or input file needs, and shallow enough for any stack.
    if (depth > 1000) fail(i, 'nested more than 1,000 levels deep');
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') unexpected('a key in double quotes');
        string();
        space();
        if (text[i] !== ':') unexpected("':' after a key");
        i++;
        value(depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        unexpected("',' or '}' after a value");
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        unexpected("',' or ']' after a value");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    unexpected('a value');
  };
  try {
    value(0);
    space();
    if (i < n) unexpected('the end of the file after the JSON value');
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}
