/**
 * Reading a JSON file given on the command line. Every way it can go wrong becomes a UsageError
 * (exit 2) with one line naming the flag and the file: missing, a folder, a pipe or device (read
 * whole, it could block forever), too large, unreadable, empty, binary, UTF-16, not JSON (with line
 * and column, `NaN` and a stray byte included), or the wrong shape (with the path inside the document).
 * A UTF-8 byte-order mark at the start is skipped, as most JSON readers do.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../framework/errors.js';
import { lineAndColumn, locateJsonProblem } from './json-locate.js';
import { ShapeError, type Shape } from './shape.js';

/**
 * The largest file read, in bytes. A model or input file within the commands' limits (an input of
 * 100,000 steps × 8 numbers, a 1024-unit LSTM's weights) is far smaller; parsing a larger one would
 * take seconds and gigabytes before any check could refuse it.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads `path` (given with `flag`, e.g. "--model"), parses it as JSON and checks it with `shape`.
 * `shape` may also throw ShapeError for checks across fields (e.g. sizes that must agree).
 */
export function loadJsonFile<T>(path: string, shape: Shape<T>, flag: string): T {
  const where = `${flag} ${path}`;
  const parsed = parseJson(readText(path, where), where);
  try {
    return shape(parsed, '');
  } catch (error) {
    if (error instanceof ShapeError) throw new UsageError(`${where}: ${error.message}`);
    throw error;
  }
}

/** The file's bytes as text, refusing what is not a regular file of readable size and UTF-8 text. */
export function readText(path: string, where: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a pipe that no one writes to returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UsageError(`${where}: ${openReason(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError(`${where}: is a folder, not a file`);
    if (!stat.isFile()) throw new UsageError(`${where}: is not a regular file (a pipe, device or socket); save the JSON to a file first`);
    if (stat.size > MAX_FILE_BYTES) {
      throw new UsageError(`${where}: is ${megabytes(stat.size)}; files are read whole, so at most ${megabytes(MAX_FILE_BYTES)} (far more than the largest model or input the commands accept)`);
    }
    const bytes = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < bytes.length) {
      const read = readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return decode(bytes.subarray(0, offset), where);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${where}: ${openReason(error)}`);
  } finally {
    closeSync(fd);
  }
}

function openReason(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENXIO') return 'is not a regular file (a pipe, device or socket); save the JSON to a file first';
  return `cannot read it (${code || 'unknown error'})`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** UTF-8 bytes to text; binary data and UTF-16 are named with where they start. */
function decode(bytes: Buffer, where: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError(`${where}: is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8`);
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  const bad = text.search(/[\u0000\ufffd]/u);
  if (bad >= 0) {
    const { line, column } = lineAndColumn(text, bad);
    const what = text[bad] === '\u0000' ? 'a zero byte' : 'bytes that are not UTF-8';
    throw new UsageError(`${where}: is not a text file: ${what} at line ${line}, column ${column}`);
  }
  return text;
}

/** JSON.parse with a one-line message that gives the line and column of the first error. */
export function parseJson(content: string, where: string): unknown {
  if (content.trim() === '') throw new UsageError(`${where}: the file is empty, expected JSON`);
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const problem = locateJsonProblem(content);
    if (problem === null) {
      // Valid by the grammar yet refused (too deep for V8, say): V8's words, without its copy of the text.
      const message = error instanceof Error ? error.message : String(error);
      throw new UsageError(`${where}: not valid JSON: ${message.replace(/, ".*" is not valid JSON$/s, '')}`);
    }
    const { line, column } = lineAndColumn(content, problem.offset);
    throw new UsageError(`${where}: not valid JSON: ${problem.reason} at line ${line}, column ${column}`);
  }
}

