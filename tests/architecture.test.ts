import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('layout rules', () => {
  it('keeps shared/ free of server and web code, so both sides can import it', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      importsOf(file).filter((spec) => /(^|\/)(server|web)\//.test(spec) || spec.startsWith('node:')).map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps SQL behind server/db and the store files, so another database can replace SQLite', () => {
    const offenders = sourceFiles('server')
      .filter((file) => !/(^|\/)store\.ts$|^server\/db\/|\.test\.ts$/.test(file))
      .flatMap((file) => importsOf(file).filter((spec) => /^(drizzle-orm|better-sqlite3)/.test(spec) || /db\/schema/.test(spec)).map((spec) => `${file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the web app off the server code', () => {
    const offenders = sourceFiles('web/src').flatMap((file) =>
      importsOf(file).filter((spec) => /(^|\/)server\//.test(spec)).map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
