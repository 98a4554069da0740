import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProblemEvent, ServerMessage } from '../../shared/live.ts';
import { setUpWithToken, type ServerProcess } from '../helpers/server-process.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { connect, range, type LiveClient } from '../live/live-harness.ts';
import { allProblems, describeSeveralInstances, inFlight, instanceGroup, liveUrl, pull } from './instances.ts';

const events = (client: LiveClient) => client.messages.filter((m): m is ProblemEvent => m.type === 'event');
const welcomeSeq = (client: LiveClient) => (client.messages[0] as { seq: number }).seq;

describeSeveralInstances('two instances on one PostgreSQL database', () => {
  const group = instanceGroup();
  let drop = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let auth: string;
  let headers: Record<string, string>;
  const clients: LiveClient[] = [];
  async function board(server: ServerProcess, query = ''): Promise<LiveClient> {
    const client = await connect(liveUrl(server.url), headers, query);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    // One after the other: starting together on an empty database is empty-database-start's subject.
    a = await group.start(database.url);
    b = await group.start(database.url);
    auth = await setUpWithToken(a.url);
    headers = { authorization: auth };
  });
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await group.killAll();
    await drop();
  });

  it('streams the same events, in the same order, gap-free, to a board on each while pulls go to both', async () => {
    const PULLS = 300;
    const boards = await Promise.all([board(a), board(b)]);
    // Nothing is being written yet, so both instances start their boards at the same seq.
    const from = welcomeSeq(boards[0]);
    expect(welcomeSeq(boards[1])).toBe(from);

    const pulled = await inFlight(PULLS, 20, (i) => pull(i % 2 === 0 ? a.url : b.url, auth, `burst ${i}`));
    await Promise.all(boards.map((client) => client.waitFor((c) => c.seqs().length >= PULLS, 30_000)));

    const [onA, onB] = boards.map(events);
    expect(onA.map((e) => e.seq)).toEqual(range(from + 1, from + PULLS));
    // Frame for frame: A sends its own commits straight from the commit, B reads them from the table.
    expect(onB).toEqual(onA);
    expect(boards.map((client) => client.messages.length)).toEqual([PULLS + 1, PULLS + 1]);
    expect(new Set(onA.map((e) => e.name))).toEqual(new Set(['problem.raised']));

    const numbers = pulled.map((p) => p.number).sort((x, y) => x - y);
    expect(numbers).toEqual(range(numbers[0], numbers[0] + PULLS - 1)); // unique and gap-free across instances
    const titleByNumber = new Map(pulled.map((p) => [p.number, p.title]));
    expect(onA.map((e) => titleByNumber.get(e.data.number))).toEqual(onA.map((e) => e.data.title));
  }, 90_000);

  it('resumes on B from the last seq a board saw on A, with no gap and no duplicate, while pulls keep flowing', async () => {
    const PULLS = 200;
    const DROP_AFTER = 60;
    const onA = await board(a);
    const from = welcomeSeq(onA);
    let acknowledged = 0;
    let acknowledgedAtDrop = Infinity;
    const beforeDrop: number[] = [];
    const dropped = new Promise<void>((resolve) => {
      onA.ws.on('message', (data) => {
        const message = JSON.parse((data as Buffer).toString()) as ServerMessage;
        if (message.type !== 'event' || beforeDrop.length === DROP_AFTER) return;
        beforeDrop.push(message.seq);
        if (beforeDrop.length < DROP_AFTER) return;
        acknowledgedAtDrop = acknowledged;
        onA.ws.terminate();
        resolve();
      });
    });

    const burst = inFlight(PULLS, 10, async (i) => {
      const pulled = await pull(i % 2 === 0 ? a.url : b.url, auth, `resume ${i}`);
      acknowledged++;
      return pulled;
    });
    await dropped;
    const onB = await board(b, `?since=${beforeDrop.at(-1)}`);
    const acknowledgedAtResume = acknowledged;
    await burst;
    await onB.waitFor((c) => c.seqs().at(-1) === from + PULLS, 30_000);

    // The drop and the resume both happened with pulls still unanswered.
    expect(acknowledgedAtDrop).toBeLessThan(PULLS);
    expect(acknowledgedAtResume).toBeLessThan(PULLS);
    expect([...beforeDrop, ...onB.seqs()]).toEqual(range(from + 1, from + PULLS));
  }, 90_000);

  it('delivers a lone pull on one instance to a board on the other, both ways', async () => {
    const [onA, onB] = await Promise.all([board(a), board(b)]);
    const seen = (client: LiveClient, number: number) => events(client).some((e) => e.data.number === number);

    const fromA = await pull(a.url, auth, 'pulled on A');
    await onB.waitFor((c) => seen(c, fromA.number), 15_000);
    const fromB = await pull(b.url, auth, 'pulled on B');
    await onA.waitFor((c) => seen(c, fromB.number), 15_000);

    expect(events(onB).find((e) => e.data.number === fromA.number)?.data.title).toBe('pulled on A');
    expect(events(onA).find((e) => e.data.number === fromB.number)?.data.title).toBe('pulled on B');
  }, 60_000);

  it('creates one problem for an Idempotency-Key sent to both instances at the same moment, and both answer it', async () => {
    const KEYS = 20;
    // Every key to both at once: the two requests for a key race each other and the other keys' pulls.
    const answers = await Promise.all(range(1, KEYS).map((k) =>
      Promise.all([a, b].map((server) => pull(server.url, auth, `same key ${k}`, `race-${k}`)))));

    for (const [fromA, fromB] of answers) {
      expect(fromB.number).toBe(fromA.number);
      expect([fromA.replayed, fromB.replayed].filter(Boolean)).toHaveLength(1);
    }
    expect(new Set(answers.map(([fromA]) => fromA.number)).size).toBe(KEYS);
    const titles = (await allProblems(b.url, auth)).map((p) => p.title).filter((t) => t.startsWith('same key '));
    expect(titles.sort()).toEqual(range(1, KEYS).map((k) => `same key ${k}`).sort());
  }, 60_000);
});
