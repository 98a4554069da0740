// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layout rules of CONVENTIONS.md, as import restrictions (tests/architecture.test.ts checks the same from the outside).
const drivers = {
  regex: '^(drizzle-orm|better-sqlite3|pg)(/|$)',
  message: 'Only server/db/ and the store.ts files talk to the database; go through a store.',
};
const tablesAndSql = {
  regex: '(^|/)db/(schema/|sql(\\.ts)?$)',
  message: 'The drizzle tables and the SQL helpers belong to server/db/ and the store.ts files; go through a store.',
};
const sides = {
  regex: '(^|/)(server|web)/',
  message: 'shared/ is imported by both the server and the web app, so it imports neither.',
};
const nodeBuiltins = {
  regex: '^node:',
  message: 'shared/ also runs in the browser: no node: modules.',
};
// The browser bundle carries no TypeBox: the web takes values (lists, limits, type guards) from
// shared/values/, and from the schema files only types, which vanish at build time.
const sharedSchemas = {
  regex: '(^|/)shared/(?!values/|limits\\.ts$|status-lifecycle\\.ts$)[^/]+$',
  allowTypeImports: true,
  message: 'The web imports only types from a shared/ schema file (import type); values come from shared/values/, so TypeBox stays out of the browser.',
};
const serverCode = {
  regex: '(^|/)server/',
  message: 'The web app talks to the server over HTTP only; shared types live in shared/.',
};

/** @param {...{ regex: string, message: string }} patterns */
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  {
    ignores: ['dist/**', 'migrations/**', 'node_modules/**', 'data/**'],
  },
  js.configs.recommended,
  // Type-aware rules: the recommended set (floating and misused promises, unsafe any, ...) and the
  // strict additions (unnecessary conditions, non-null assertions, deprecated APIs, ...), tuned below.
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans in a message read fine; objects and nullish values are still caught.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `void promise` is how a deliberate fire-and-forget is written here.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // `if (done) return finish(connection);` in a function declared `: void` is the early-return style used here.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Off: an async function without await is how Fastify plugins and hooks are written (a plugin that
      // neither returns a promise nor calls done() never finishes loading), and how an implementation of a
      // Promise-returning interface turns a synchronous throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // A switch over a union must handle every member, or say why it does not.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // In a test or a benchmark a wrong `!` fails it on the spot, which is what an assertion would do.
    files: ['tests/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // A missing dependency is a stale-closure bug, not a style point.
      'react-hooks/exhaustive-deps': 'error',
      // Off: these two only say that the React Compiler would skip a component (a library it cannot
      // memoise around, manual memoisation it cannot keep). The app does not run the compiler;
      // turn them on with it.
      'react-hooks/incompatible-library': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['server/**/store.ts', 'server/db/**', 'shared/**', 'web/**', 'tests/helpers/postgres.ts', 'tests/postgres-harness.test.ts', 'tests/helpers/migrations.ts', 'bench/**'],
    rules: restrictImports(drivers, tablesAndSql),
  },
  // bench/ is not Andon: it seeds databases at volumes no API call reaches, times the stores' queries
  // themselves and starts its own PostgreSQL cluster, so it talks to the database directly.
  {
    // The PostgreSQL harness starts and checks the test cluster itself, which no store can do.
    files: ['tests/helpers/postgres.ts', 'tests/postgres-harness.test.ts'],
    rules: restrictImports(tablesAndSql),
  },
  {
    // Writes the rows of an older schema, which no store of today's knows how to.
    files: ['tests/helpers/migrations.ts'],
    rules: restrictImports(drivers),
  },
  {
    files: ['shared/**'],
    rules: restrictImports(drivers, tablesAndSql, sides, nodeBuiltins),
  },
  {
    files: ['web/**'],
    rules: { ...restrictImports(drivers, tablesAndSql, serverCode), '@typescript-eslint/no-restricted-imports': ['error', { patterns: [sharedSchemas] }] },
  },
);
