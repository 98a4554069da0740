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

  it('keeps SQL behind server/db and the store files, so either database can sit behind the services', () => {
    const offenders = sourceFiles('server')
      .filter((file) => !/(^|\/)store\.ts$|^server\/db\/|\.test\.ts$/.test(file))
      .flatMap((file) => importsOf(file).filter((spec) => /^(drizzle-orm|better-sqlite3|pg)(\/|$)/.test(spec) || /db\/(schema\/|sql\.ts)/.test(spec)).map((spec) => `${file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('lets tests reach the database only through stores and the API, so one suite runs on both', () => {
    // The PostgreSQL harness starts and checks the test cluster itself, which no store can do; the
    // migrations helper writes rows of an older schema, which no store of today's knows.
    const harness = /^tests\/(helpers\/postgres\.ts|helpers\/migrations\.ts|postgres-harness\.test\.ts)$/;
    const offenders = sourceFiles('tests')
      .filter((file) => !harness.test(file))
      .flatMap((file) => importsOf(file).filter((spec) => /^(drizzle-orm|better-sqlite3|pg)(\/|$)/.test(spec) || /db\/(schema\/|sql\.ts)/.test(spec)).map((spec) => `${file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the web app off the server code', () => {
    const offenders = sourceFiles('web/src').flatMap((file) =>
      importsOf(file).filter((spec) => /(^|\/)server\//.test(spec)).map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
