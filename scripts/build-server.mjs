// Compiles the server (server/, shared/ and the packages they import) to one JavaScript file,
// dist/server/main.mjs, which `npm start` and the tests run with plain Node. Loading ~1,700 modules
// from node_modules one by one cost each start seconds of CPU (15–18 s on a busy 2-core machine);
// one file parses in a fraction of that. Only native code stays outside: better-sqlite3 (its .node
// binding is found next to its own files) and pg-native (pg's optional driver, never installed).
//
// The output sits two folders below the root, as the sources do, so the paths the server finds
// relative to its own module (dist/web, migrations/, the SQLite read worker) are the same whichever one runs.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_BUNDLE = 'dist/server/main.mjs';

const EXTERNAL = ['better-sqlite3', 'pg-native'];

// CommonJS packages call require() and read files beside themselves; in an ES module neither
// exists, so the bundle makes a require of its own and knows where the root is.
const BANNER = [
  "import { createRequire as __andonCreateRequire } from 'node:module';",
  "import { join as __andonJoin } from 'node:path';",
  "import { fileURLToPath as __andonFileURLToPath } from 'node:url';",
  'const require = __andonCreateRequire(import.meta.url);',
  "const __andonRoot = __andonFileURLToPath(new URL('../..', import.meta.url));",
].join('\n');

// A directive must stay first: the line inserted after it keeps the file strict, and its line numbers.
const PROLOGUE = /^(#![^\n]*\n)?(\s*(?:(?:'use strict'|"use strict");?[ \t]*)?)/;

/**
 * A package that finds its own files by `__dirname` (Swagger UI's pages and logo, @fastify/swagger's
 * package.json, pino's workers) gets the folder it has in node_modules, as it would unbundled.
 */
function packageDirectories(root) {
  const modules = realpathSync(path.join(root, 'node_modules'));
  return {
    name: 'package-directories',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!/\b__(?:dirname|filename)\b/.test(source)) return undefined;
        const file = path.join('node_modules', path.relative(modules, args.path)).split(path.sep).join('/');
        const names =
          `var __filename = __andonJoin(__andonRoot, ${JSON.stringify(file)}), ` +
          `__dirname = __andonJoin(__andonRoot, ${JSON.stringify(path.posix.dirname(file))});`;
        return { contents: source.replace(PROLOGUE, (prologue) => `${prologue};${names}`), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** Builds `<root>/server/main.ts` into `<root>/dist/server/main.mjs`; answers the bundle's path. */
export async function buildServer(root = fileURLToPath(new URL('..', import.meta.url))) {
  const outfile = path.join(root, SERVER_BUNDLE);
  const result = await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    outfile,
    bundle: true,
    external: EXTERNAL,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: BANNER },
    plugins: [packageDirectories(root)],
    // Stack traces under --enable-source-maps point into server/ and node_modules; the sources are
    // there to read, so the map leaves them out (a third of its size, read at every start).
    sourcemap: 'linked',
    sourcesContent: false,
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
