/** ‖(g₁, g₂, …)‖₂ over several flat gradient arrays. */
export function normOf(arrays: readonly ArrayLike<number>[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** The numbers of a nested array, in row-major order. */
export function flatten(nested: unknown): number[] {
  const out: number[] = [];
  const stack: unknown[] = [nested];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    else out.push(Number(item));
  }
  return out;
}
