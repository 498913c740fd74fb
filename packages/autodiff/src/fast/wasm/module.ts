/**
 * Assembles a WebAssembly module (the bytes `new WebAssembly.Module` accepts) from functions
 * built with `FunctionBody`, importing one linear memory the caller creates and can grow.
 *
 * A module is the header "\0asm" + version 1, then numbered sections, each written as
 * [section id, byte length, contents], in increasing id order. Every list inside a section
 * is its length followed by its items ("vectors"), and every name is a vector of UTF-8 bytes.
 * https://webassembly.github.io/spec/core/binary/modules.html
 */
import type { FunctionBody } from './function-body.js';
import { unsignedLeb128 } from './leb128.js';
import type { ValType } from './opcodes.js';

/** One exported function of the module. */
export interface WasmFunction {
  name: string;
  results: readonly ValType[];
  body: FunctionBody;
}

/** The memory the module imports, as `imports[module][name]`, of at least `minPages` × 64 KiB. */
export interface MemoryImport {
  module: string;
  name: string;
  minPages: number;
}

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

const Section = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;

/** Marks a function signature in the type section. */
const FUNC_TYPE = 0x60;
/** Kinds of imported/exported things. */
const ExternalKind = { function: 0x00, memory: 0x02 } as const;
/** Memory limits flag: only a minimum size follows (no maximum: the memory can keep growing). */
const LIMITS_MIN_ONLY = 0x00;

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((byte) => [byte]));
}

function section(id: number, contents: readonly number[]): number[] {
  return [id, ...unsignedLeb128(contents.length), ...contents];
}

/** Encodes the module. Function i gets type i and is exported under its name. */
export function encodeModule(functions: readonly WasmFunction[], memory: MemoryImport): Uint8Array {
  const types = functions.map((f) => [FUNC_TYPE, ...vector(f.body.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const memoryImport = [
    ...name(memory.module),
    ...name(memory.name),
    ExternalKind.memory,
    LIMITS_MIN_ONLY,
    ...unsignedLeb128(memory.minPages),
  ];
  // Imported functions would come first in the function index space; we import none.
  const typeIndices = functions.map((_, i) => unsignedLeb128(i));
  const exports = functions.map((f, i) => [...name(f.name), ExternalKind.function, ...unsignedLeb128(i)]);
  const bodies = functions.map((f) => {
    const body = f.body.encode();
    return [...unsignedLeb128(body.length), ...body];
  });
  return new Uint8Array([
    ...MAGIC_AND_VERSION,
    ...section(Section.type, vector(types)),
    ...section(Section.import, vector([memoryImport])),
    ...section(Section.function, vector(typeIndices)),
    ...section(Section.export, vector(exports)),
    ...section(Section.code, vector(bodies)),
  ]);
}
