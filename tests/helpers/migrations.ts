import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';

/**
 * Migrates `db` as an Andon of before the migration named `tag` would have (each dialect's tag, its
 * file name without the number), from a copy of the migrations that stops short of it: the test can
 * then write rows of that time and migrate on with `migrateDatabase`.
 */
export async function migrateUpTo(db: AnyDatabase, tag: Record<AnyDatabase['dialect'], string>): Promise<void> {
  const from = fileURLToPath(new URL(`../../migrations/${db.dialect}`, import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-migrations-'));
  try {
    cpSync(from, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
    const stop = journal.entries.findIndex((entry) => entry.tag.replace(/^\d+_/, '') === tag[db.dialect]);
    if (stop < 0) throw new Error(`no migration ${tag[db.dialect]}`);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
    await migrateDatabase(db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
