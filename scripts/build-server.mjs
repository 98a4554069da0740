// Compiles the server (server/ and shared/) to one JavaScript file, dist/server/main.mjs, which
// `npm start` and the tests run with plain Node. Running the TypeScript through tsx instead costs
// every start a few seconds of CPU: its loader hooks sit in front of each of the ~1,700 modules
// the server imports. Packages stay external, loaded from node_modules as they are.
//
// The output sits two folders below the root, as the sources do, so the paths the server finds
// relative to its own module (dist/web, migrations/) are the same whichever one runs.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_BUNDLE = 'dist/server/main.mjs';

/** Builds `<root>/server/main.ts` into `<root>/dist/server/main.mjs`; answers the bundle's path. */
export async function buildServer(root = fileURLToPath(new URL('..', import.meta.url))) {
  const outfile = path.join(root, SERVER_BUNDLE);
  const result = await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(path.dirname(outfile), { recursive: true });
  // Written aside and renamed: a server starting meanwhile (another test run) reads a whole file.
  for (const file of result.outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
