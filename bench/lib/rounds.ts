/**
 * ABBA: even rounds run the servers in the given order, odd rounds in reverse. Over an even number of
 * rounds every server then sits at the same mean position, so a steady drift in the machine's load
 * (other work starting or ending) favours none of them.
 */
export function roundOrder<T>(round: number, items: readonly T[]): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}
