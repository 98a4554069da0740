import { afterAll, describe, expect, it } from 'vitest';
import { freePort, tempDataDir } from './helpers/server-process.ts';
import { runServerUntilExit } from './helpers/server-exit.ts';

// These need no database of the project's kind: each start is refused before any database answers.
// Concurrent, because each spends seconds loading the server before it is refused.
const PASSWORD = 's3cret';
const data = tempDataDir();
afterAll(() => data.remove());

async function refusedStart(databaseUrl: string) {
  const exit = await runServerUntilExit({ ANDON_DATA_DIR: data.dir, DATABASE_URL: databaseUrl });
  return { ...exit, lines: exit.stderr.trim().split('\n') };
}

describe.concurrent('a DATABASE_URL the server cannot use', () => {
  it('stops the start with exit 1 and one line naming DATABASE_URL when it is not a URL', async () => {
    const exit = await refusedStart('not a url');
    expect(exit.status).toBe(1);
    expect(exit.lines).toHaveLength(1);
    expect(exit.lines[0]).toContain('DATABASE_URL');
    expect(exit.stdout).toBe('');
  });

  it('does not echo the password of a URL that is not a postgres:// one', async () => {
    const exit = await refusedStart(`mysql://andon:${PASSWORD}@127.0.0.1:3306/andon`);
    expect(exit.status).toBe(1);
    expect(exit.lines).toHaveLength(1);
    expect(exit.lines[0]).toContain('DATABASE_URL');
    expect(exit.stderr + exit.stdout).not.toContain(PASSWORD);
  });

  it('stops the start with exit 1 and one line naming DATABASE_URL, without the password, when nothing listens there', async () => {
    // Free a moment ago and never listened on by us: the connection is refused.
    const port = await freePort();
    const exit = await refusedStart(`postgres://andon:${PASSWORD}@127.0.0.1:${port}/andon`);
    expect(exit.status).toBe(1);
    expect(exit.lines).toHaveLength(1);
    expect(exit.lines[0]).toContain('DATABASE_URL');
    expect(exit.lines[0]).toContain(`127.0.0.1:${port}`); // says where it tried, so the operator can fix it
    expect(exit.stderr + exit.stdout).not.toContain(PASSWORD);
  });
});
