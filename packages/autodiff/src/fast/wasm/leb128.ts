/**
 * LEB128 ("little-endian base 128"): how the WebAssembly binary format writes integers.
 *
 * A number is cut into 7-bit groups, lowest first; each group goes in one byte whose top bit
 * says "more bytes follow". Small numbers (most indices, sizes and constants) take one byte.
 * Example: 624485 = 0b10011_0001110_1100101 → 0xE5 0x8E 0x26.
 */

/** Unsigned LEB128 of an integer 0 ≤ value < 2³²: sizes, counts, indices, opcodes after a prefix. */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`unsignedLeb128: ${value} is not a u32`);
  }
  const bytes: number[] = [];
  let rest = value;
  do {
    const low7 = rest % 128; // % and Math.floor, not & and >>>, so values ≥ 2³¹ stay positive
    rest = Math.floor(rest / 128);
    bytes.push(rest === 0 ? low7 : low7 | 0x80);
  } while (rest !== 0);
  return bytes;
}

/**
 * Signed LEB128 of an integer -2³¹ ≤ value < 2³¹ (the operand of `i32.const`). Two's
 * complement, 7 bits at a time; it stops once the remaining bits are all copies of the sign
 * bit of the last group written, so -1 is the single byte 0x7F and 64 needs two (0xC0 0x00).
 */
export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
    throw new RangeError(`signedLeb128: ${value} is not an i32`);
  }
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const low7 = rest & 0x7f;
    rest >>= 7; // arithmetic shift: keeps the sign
    const signBitOfGroup = (low7 & 0x40) !== 0;
    const done = (rest === 0 && !signBitOfGroup) || (rest === -1 && signBitOfGroup);
    bytes.push(done ? low7 : low7 | 0x80);
    if (done) return bytes;
  }
}
