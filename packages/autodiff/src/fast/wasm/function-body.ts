/**
 * Writes the body of one WebAssembly function: its local variables and its instructions.
 *
 * WebAssembly is a stack machine: `localGet(x); localGet(y); op(Op.i32Add); localSet(z)`
 * computes z = x + y. Locals live in numbered slots, the parameters first. The engine's
 * compiler (V8's TurboFan) turns locals into machine registers where it can, which is what
 * lets the matmul kernel keep its accumulators in registers for a whole loop.
 *
 * Control flow is structured: `block` and `loop` nest, and a branch names a target by how
 * many enclosing blocks out it is (0 = the innermost). Branching to a `block` jumps past its
 * end (a "break"); branching to a `loop` jumps back to its start (a "continue").
 */
import { signedLeb128, unsignedLeb128 } from './leb128.js';
import { EMPTY_BLOCK, Op, SIMD_PREFIX, SimdOp, type ValType } from './opcodes.js';

export class FunctionBody {
  readonly params: readonly ValType[];
  private readonly locals: ValType[] = [];
  private readonly code: number[] = [];

  constructor(params: readonly ValType[]) {
    this.params = params;
  }

  /** Declares a new local variable and returns its slot number. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  /** Appends a one-byte instruction that takes no immediate (e.g. `Op.i32Add`). */
  op(opcode: number): this {
    this.code.push(opcode);
    return this;
  }

  /** Appends a SIMD instruction that takes no immediate (e.g. `SimdOp.f64x2Mul`). */
  simd(opcode: number): this {
    this.code.push(SIMD_PREFIX, ...unsignedLeb128(opcode));
    return this;
  }

  localGet(slot: number): this {
    this.code.push(Op.localGet, ...unsignedLeb128(slot));
    return this;
  }

  localSet(slot: number): this {
    this.code.push(Op.localSet, ...unsignedLeb128(slot));
    return this;
  }

  /** Like localSet, but also leaves the value on the stack. */
  localTee(slot: number): this {
    this.code.push(Op.localTee, ...unsignedLeb128(slot));
    return this;
  }

  i32Const(value: number): this {
    this.code.push(Op.i32Const, ...signedLeb128(value));
    return this;
  }

  /** local[slot] += delta, for pointer bumps and counters. */
  addToLocal(slot: number, delta: number): this {
    return this.localGet(slot).i32Const(delta).op(Op.i32Add).localSet(slot);
  }

  /**
   * Memory access: pops an address, adds the constant `offset` (bytes), reads or writes there.
   * `alignLog2` is a hint (log₂ of the alignment in bytes); 3 = 8 bytes, true of every double.
   */
  private memory(prefix: readonly number[], offset: number, alignLog2: number): this {
    this.code.push(...prefix, ...unsignedLeb128(alignLog2), ...unsignedLeb128(offset));
    return this;
  }

  /** [address] → f64 at address + offset. */
  f64Load(offset = 0): this {
    return this.memory([Op.f64Load], offset, 3);
  }

  /** [address, value] → stores the f64 at address + offset. */
  f64Store(offset = 0): this {
    return this.memory([Op.f64Store], offset, 3);
  }

  /** [address] → v128 of the 16 bytes at address + offset. */
  v128Load(offset = 0): this {
    return this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Load)], offset, 3);
  }

  /** [address] → [x, x] where x is the f64 at address + offset. */
  v128Load64Splat(offset = 0): this {
    return this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Load64Splat)], offset, 3);
  }

  /** [address, vector] → stores the 16 bytes at address + offset. */
  v128Store(offset = 0): this {
    return this.memory([SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Store)], offset, 3);
  }

  /** Pushes the all-zero vector (both f64 lanes +0). */
  v128Zero(): this {
    this.code.push(SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Const), ...new Array<number>(16).fill(0));
    return this;
  }

  /** Pushes [value, value]: one double in both f64 lanes. */
  f64x2Const(value: number): this {
    const bytes = new Uint8Array(new Float64Array([value, value]).buffer);
    this.code.push(SIMD_PREFIX, ...unsignedLeb128(SimdOp.v128Const), ...bytes);
    return this;
  }

  /** A block: `br`/`brIf` to it (depth counted from inside) jumps past its end. */
  block(body: () => void): this {
    this.code.push(Op.block, EMPTY_BLOCK);
    body();
    this.code.push(Op.end);
    return this;
  }

  /** Pops an i32; runs `then` if it is not zero, else `otherwise`. */
  ifElse(then: () => void, otherwise: () => void): this {
    this.code.push(Op.if, EMPTY_BLOCK);
    then();
    this.code.push(Op.else);
    otherwise();
    this.code.push(Op.end);
    return this;
  }

  /** A loop: `br`/`brIf` to it jumps back to its start. Falling off the end leaves it. */
  loop(body: () => void): this {
    this.code.push(Op.loop, EMPTY_BLOCK);
    body();
    this.code.push(Op.end);
    return this;
  }

  /** Unconditional branch to the enclosing block/loop `depth` levels out (0 = innermost). */
  br(depth: number): this {
    this.code.push(Op.br, ...unsignedLeb128(depth));
    return this;
  }

  /** Pops an i32; branches like `br(depth)` if it is not zero. */
  brIf(depth: number): this {
    this.code.push(Op.brIf, ...unsignedLeb128(depth));
    return this;
  }

  /**
   * Runs `body` as many times as the i32 local `counter` says, counting it down to 0 (zero
   * times if it starts at 0). The shape every loop of the kernels uses:
   *
   *     block                          ;; depth 1 inside the loop: "break" target
   *       (counter == 0) br_if 0       ;; nothing to do
   *       loop                         ;; depth 0 inside the loop: "continue" target
   *         body
   *         (counter -= 1) br_if 0     ;; again while counter ≠ 0
   *       end
   *     end
   *
   * Testing at the bottom costs one compare-and-branch per trip. `body` must not branch out
   * of the loop itself and must leave the stack as it found it.
   */
  countDown(counter: number, body: () => void): this {
    return this.block(() => {
      this.localGet(counter).op(Op.i32Eqz).brIf(0);
      this.loop(() => {
        body();
        this.localGet(counter).i32Const(1).op(Op.i32Sub).localTee(counter).brIf(0);
      });
    });
  }

  /**
   * The encoded body, as the code section stores it: the locals (as runs of equal type:
   * "3 × v128, 1 × i32, …"), the instructions, and the final `end`.
   */
  encode(): number[] {
    const runs: [count: number, type: ValType][] = [];
    for (const type of this.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const localBytes = runs.flatMap(([count, type]) => [...unsignedLeb128(count), type]);
    return [...unsignedLeb128(runs.length), ...localBytes, ...this.code, Op.end];
  }
}
