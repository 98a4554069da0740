import { defineConfig } from 'vitest/config';
import { HeaviestFirstSequencer } from './tests/setup/heaviest-first-sequencer.ts';

const integrationTests = ['tests/**/*.test.ts'];
// The integration tests start the server as `npm start` runs it: built to dist/server first.
const serverBuild = 'tests/setup/server-build.mjs';

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: the crash and browser tests start their own servers and browsers.
    maxWorkers: 2,
    testTimeout: 30_000,
    // One process per worker for all its files, so the server's modules load once per worker, not once
    // per file (a quarter of the CPU of the integration tests). Each file still makes its own app,
    // database and servers; the unit project stays isolated below.
    isolate: false,
    hookTimeout: 60_000,
    sequence: { sequencer: HeaviestFirstSequencer },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'web/**/*.test.ts'], isolate: true },
      },
      // The integration suite runs once per database; tests read ANDON_TEST_DB through tests/helpers/test-database.ts.
      {
        extends: true,
        test: { name: 'sqlite', include: integrationTests, env: { ANDON_TEST_DB: 'sqlite' }, globalSetup: [serverBuild] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: integrationTests,
          env: { ANDON_TEST_DB: 'postgres' },
          globalSetup: [serverBuild, 'tests/setup/postgres-global.ts'],
        },
      },
    ],
  },
});
