// Shared by the tests: a strict XML parser, a fake terminal, and the CLI run as a child process.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { Io } from '../src/framework/io.js';

/** Parses XML, throwing on ANY error or warning (xmldom would otherwise recover from some). */
export function parseXml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
}

export function elements(doc: Document | Element, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag));
}

export function numAttr(element: Element, name: string): number {
  const value = element.getAttribute(name);
  if (value === null) throw new Error(`<${element.tagName}> has no ${name}`);
  return Number(value);
}

export interface FakeIo extends Io {
  out(): string;
  err(): string;
}

export function fakeIo(options: { tty?: boolean; env?: Record<string, string>; columns?: number } = {}): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: options.tty ?? false, columns: options.columns },
    stderr: { write: (t: string) => (err += t), isTTY: options.tty ?? false, columns: options.columns },
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source as a user would: node_modules/.bin/tsx --conditions=@chainrule/source src/cli.ts. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(demoDir, 'node_modules/.bin/tsx'), ['--conditions=@chainrule/source', 'src/cli.ts', ...args], {
      cwd: demoDir,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A grid of non-negative values fast-check draws from, weighted toward the awkward ones. */
export const awkwardValues = [0, 1e-320, 5e-324, 1e-308, 2.2250738585072014e-308, 1, 1e308, Number.MAX_VALUE, Infinity] as const;
