/**
 * Orders strings by their code units. For ISO times and ids that is their order; localeCompare
 * would run a locale's collation instead, and its first use on a page is a long task.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
