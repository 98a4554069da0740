/**
 * Runs a report's reads one after another (`inTurn`: PostgreSQL, where side by side on the pool they
 * would keep every core busy and the pulls' commits waiting), or side by side (SQLite's read workers).
 */
export async function readAll<T extends readonly unknown[]>(inTurn: boolean, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!inTurn) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const answers: unknown[] = [];
  for (const read of reads) answers.push(await read());
  return answers as unknown as T;
}
