/**
 * Reading a JSON file given on the command line. Every way it can go wrong becomes a UsageError
 * (exit 2) with one line naming the flag and the file: missing, a folder, unreadable, empty, not
 * JSON (with line and column), or the wrong shape (with the path inside the document).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../framework/errors.js';
import { ShapeError, type Shape } from './shape.js';

/**
 * Reads `path` (given with `flag`, e.g. "--model"), parses it as JSON and checks it with `shape`.
 * `shape` may also throw ShapeError for checks across fields (e.g. sizes that must agree).
 */
export function loadJsonFile<T>(path: string, shape: Shape<T>, flag: string): T {
  const where = `${flag} ${path}`;
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code || 'unknown error'})`;
    throw new UsageError(`${where}: ${reason}`);
  }
  const parsed = parseJson(content, where);
  try {
    return shape(parsed, '');
  } catch (error) {
    if (error instanceof ShapeError) throw new UsageError(`${where}: ${error.message}`);
    throw error;
  }
}

/** JSON.parse with a one-line message that gives the line and column where it can. */
export function parseJson(content: string, where: string): unknown {
  if (content.trim() === '') throw new UsageError(`${where}: the file is empty, expected JSON`);
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 quotes the whole text in some messages ('Unexpected token …, "…" is not valid JSON'): drop it.
    let reason = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    const position = /at position (\d+)/.exec(message);
    if (position !== null) {
      const before = content.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      reason += ` at line ${line}, column ${column}`;
    }
    if (reason.startsWith('Unexpected end of JSON input')) reason = 'the JSON ends too early (a missing bracket or quote?)';
    throw new UsageError(`${where}: not valid JSON: ${reason}`);
  }
}
