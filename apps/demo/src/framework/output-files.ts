/**
 * Writing --svg / --html files all-or-nothing, so a failed run never costs the user a file:
 *
 *   before the run   every path is checked: its folder exists and takes a new file (a probe file is
 *                    created and removed), it is not a folder, a device or a pipe, it is not read-only,
 *                    and no two outputs (nor an output and an input file) are the same file;
 *   after the run    each file is written in full to a hidden temporary name beside its target, and
 *                    only when every one of them is written are they renamed over their targets.
 *
 * A failure before the renames (a full disk, say) removes the temporary files and leaves every
 * existing file as it was. A rename within one folder replaces the file in one step: a reader sees
 * the old file or the new one, never half of one.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** The file operations used here: node:fs, or a fake in tests (a full disk, say). */
export type OutputFs = Pick<
  typeof nodeFs,
  'statSync' | 'realpathSync' | 'accessSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'chmodSync'
>;

export const realFs: OutputFs = nodeFs;

/** An output flag's path after the checks: `target` is the file that will be replaced or created. */
export interface CheckedPath {
  readonly flag: string;
  /** As the user typed it (for messages). */
  readonly path: string;
  /** Absolute; a symlink's own target, so the link stays a link. */
  readonly target: string;
}

/** Why a file operation failed, in words, from its error code. */
export function reasonOf(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the disk',
    EDQUOT: 'the disk quota is used up',
    ENOENT: 'the folder does not take new files',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    ENAMETOOLONG: 'the name is too long',
    EEXIST: 'a file of that name appeared meanwhile',
  };
  const word = words[code];
  if (word !== undefined) return `${word} (${code})`;
  return code === '' ? (error instanceof Error ? error.message : String(error)) : code;
}

/** The file's stats, or undefined when there is none (a missing file, or a path through a file). */
function statOf(fs: OutputFs, path: string): nodeFs.Stats | undefined {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOTDIR' || error.code === 'ELOOP' || error.code === 'ENAMETOOLONG')) return undefined;
    throw new UsageError(`cannot look at ${path}: ${reasonOf(error)}`);
  }
}

/** A hidden name beside `target` that no other run picks. */
function temporaryName(target: string): string {
  const random = Math.floor(Math.random() * 0x1_0000_0000).toString(36);
  return join(dirname(target), `.${basename(target)}.${process.pid}-${random}.tmp`);
}

/**
 * Checks one output path before the run. Throws a UsageError naming the flag and the path; returns
 * where the file will go.
 */
export function checkOutputPath(flag: string, path: string, fs: OutputFs = realFs): CheckedPath {
  const absolute = resolve(path);
  const existing = statOf(fs, absolute);
  let target = absolute;
  if (existing !== undefined) {
    if (existing.isDirectory()) throw new UsageError(`${flag}: ${path} is a folder; give a file name`);
    if (!existing.isFile()) throw new UsageError(`${flag}: ${path} is not a regular file (a device, pipe or socket); give a file name`);
    target = fs.realpathSync(absolute);
    try {
      fs.accessSync(target, nodeFs.constants.W_OK);
    } catch {
      throw new UsageError(`${flag}: ${path} is read-only; it would not be replaced`);
    }
  } else {
    const folder = statOf(fs, dirname(absolute));
    if (folder === undefined) throw new UsageError(`${flag}: cannot write ${path}: the folder ${dirname(path)} does not exist`);
    if (!folder.isDirectory()) throw new UsageError(`${flag}: cannot write ${path}: ${dirname(path)} is not a folder`);
  }
  // The only sure test that the folder takes a new file is making one.
  const probe = temporaryName(target);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
  } catch (error) {
    throw new UsageError(`${flag}: cannot write ${path}: ${reasonOf(error)}`);
  }
  try {
    fs.unlinkSync(probe);
  } catch {
    // A probe we could create but not remove: a strange folder, but not the user's problem.
  }
  return { flag, path, target };
}

/** Throws unless every output names a different file, none of them an input file. */
export function checkDistinct(outputs: readonly CheckedPath[], inputs: readonly { flag: string; path: string }[], fs: OutputFs = realFs): void {
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      if (outputs[i].target === outputs[j].target) {
        throw new UsageError(`${outputs[i].flag} ${outputs[i].path} and ${outputs[j].flag} ${outputs[j].path} name the same file: give two names`);
      }
    }
    for (const input of inputs) {
      const absolute = resolve(input.path);
      const real = statOf(fs, absolute) === undefined ? absolute : fs.realpathSync(absolute);
      if (real === outputs[i].target) {
        throw new UsageError(`${outputs[i].flag} ${outputs[i].path} is the ${input.flag} file: writing it would destroy the input`);
      }
    }
  }
}

/** One file to write: its content and where (a checked path, or one derived from it). */
export interface OutputFile {
  readonly flag: string;
  readonly path: string;
  readonly target: string;
  readonly content: string;
}

/**
 * Writes every file to a temporary name beside its target, then renames them all into place.
 * A failure before the renames removes the temporary files and throws a UsageError that says no
 * file was changed.
 */
export function writeAllOrNothing(files: readonly OutputFile[], fs: OutputFs = realFs): void {
  const written: { readonly file: OutputFile; readonly temporary: string }[] = [];
  const removeTemporaries = (from: number) => {
    for (const { temporary } of written.slice(from)) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // already gone
      }
    }
  };
  for (const file of files) {
    const existing = statOf(fs, file.target);
    if (existing !== undefined && !existing.isFile()) {
      removeTemporaries(0);
      throw new UsageError(`${file.flag}: ${file.path} is not a regular file; no file was changed`);
    }
    const temporary = temporaryName(file.target);
    try {
      writeWhole(fs, temporary, file.content, existing?.mode);
      written.push({ file, temporary });
    } catch (error) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // never created
      }
      removeTemporaries(0);
      throw new UsageError(`${file.flag}: cannot write ${file.path}: ${reasonOf(error)}; no file was changed`);
    }
  }
  for (let i = 0; i < written.length; i++) {
    const { file, temporary } = written[i];
    try {
      fs.renameSync(temporary, file.target);
    } catch (error) {
      removeTemporaries(i);
      const done = written.slice(0, i).map((w) => w.file.path);
      throw new UsageError(
        `${file.flag}: cannot replace ${file.path}: ${reasonOf(error)}; ${done.length === 0 ? 'no file was changed' : `already written: ${done.join(', ')}`}`,
      );
    }
  }
}

/** Writes `content` to a new file and flushes it to the disk, so a full disk shows up here. */
function writeWhole(fs: OutputFs, path: string, content: string, mode: number | undefined): void {
  const fd = fs.openSync(path, 'wx');
  try {
    const bytes = Buffer.from(content, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The replacement keeps the permissions of the file it replaces.
  if (mode !== undefined) fs.chmodSync(path, mode & 0o7777);
}
