import { describe, expect, it } from 'vitest';
import { PULL_QUEUE_STORAGE_KEY, PullQueue, type PullQueueDeps } from './pull-queue.ts';

class FakeStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const problem = (number: number) => ({
  id: `p${number}`,
  number,
  title: 'Deploy failed',
  details: '',
  area: 'general',
  level: 'help',
  status: 'raised',
  raisedBy: { kind: 'user', id: 'u1', name: 'Ada' },
  raisedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  history: [],
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

interface Call {
  key: string | null;
  body: string;
}

function setup(answers: Array<(call: Call, signal: AbortSignal) => Promise<Response> | Response>, extra: Partial<PullQueueDeps> = {}) {
  const storage = new FakeStorage();
  const calls: Call[] = [];
  let clock = 1_000;
  let keys = 0;
  const fetch = (async (_url: string, init: RequestInit) => {
    const call = { key: new Headers(init.headers).get('Idempotency-Key'), body: init.body as string };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected fetch');
    return answer(call, init.signal!);
  }) as unknown as typeof globalThis.fetch;
  const deps: PullQueueDeps = {
    storage,
    fetch,
    now: () => clock,
    random: () => 0.5,
    newKey: () => `key-${++keys}`,
    ...extra,
  };
  return {
    storage,
    calls,
    deps,
    queue: new PullQueue(deps),
    advance: (ms: number) => (clock += ms),
    stored: () => JSON.parse(storage.getItem(PULL_QUEUE_STORAGE_KEY) ?? '[]') as unknown[],
  };
}

const offline = () => Promise.reject(new TypeError('Failed to fetch'));

describe('PullQueue', () => {
  it('stores the pull with its key before sending it', async () => {
    const t = setup([
      () => {
        expect(t.stored()).toHaveLength(1);
        expect(t.stored()[0]).toMatchObject({ key: 'key-1', body: { title: 'Deploy failed', level: 'help' } });
        return json(201, problem(42));
      },
    ]);
    const pull = t.queue.enqueue({ title: 'Deploy failed', level: 'help' });
    const outcome = await t.queue.send(pull.key);
    expect(outcome).toMatchObject({ kind: 'sent', problem: { number: 42 } });
    expect(t.calls[0].key).toBe('key-1');
    expect(JSON.parse(t.calls[0].body)).toEqual({ title: 'Deploy failed', level: 'help' });
    expect(t.stored()).toEqual([]);
  });

  it('keeps the pull when the network is down and retries with the same key and body', async () => {
    const t = setup([offline, () => json(201, problem(7))]);
    const pull = t.queue.enqueue({ title: 'Line 3 jammed', level: 'stop', area: 'line-3' });
    const first = await t.queue.send(pull.key);
    expect(first).toMatchObject({ kind: 'waiting', needsSignIn: false });
    expect(t.queue.list()).toHaveLength(1);
    expect(t.queue.list()[0]).toMatchObject({ attempts: 1, lastProblem: 'Could not reach the server.' });
    expect(t.queue.list()[0].nextAttemptAt).toBeGreaterThan(1_000);

    const second = await t.queue.send(pull.key);
    expect(second).toMatchObject({ kind: 'sent', problem: { number: 7 } });
    expect(t.calls.map((c) => c.key)).toEqual(['key-1', 'key-1']);
    expect(t.calls[0].body).toBe(t.calls[1].body);
    expect(t.queue.list()).toEqual([]);
  });

  it.each([500, 502, 503, 408, 429])('treats %i as "try again later"', async (status) => {
    const t = setup([() => json(status, { error: { code: 'x', message: 'busy', details: [] } })]);
    const pull = t.queue.enqueue({ title: 'x' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'waiting' });
    expect(t.queue.list()).toHaveLength(1);
  });

  it('drops a pull the server refuses and passes on its message', async () => {
    const t = setup([
      () => json(400, { error: { code: 'validation_failed', message: 'Title is too long', details: [{ field: 'title', message: 'At most 200 characters' }] } }),
    ]);
    const pull = t.queue.enqueue({ title: 'x'.repeat(300) });
    const outcome = await t.queue.send(pull.key);
    expect(outcome).toMatchObject({
      kind: 'refused',
      refusal: { status: 400, code: 'validation_failed', message: 'Title is too long', details: [{ field: 'title' }] },
    });
    expect(t.queue.list()).toEqual([]);
  });

  it('keeps the pull when the server says yes in a way that cannot be read, to ask again with the same key', async () => {
    const t = setup([() => new Response('<html>proxy page</html>', { status: 200 }), () => json(201, problem(5))]);
    const pull = t.queue.enqueue({ title: 'x' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'waiting', reason: 'The server sent an answer we could not read.' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'sent', problem: { number: 5 } });
    expect(t.calls.map((c) => c.key)).toEqual(['key-1', 'key-1']);
  });

  it('drops a pull refused without an error body, and still says why', async () => {
    const t = setup([() => new Response('Payload Too Large', { status: 413, statusText: 'Payload Too Large' })]);
    const pull = t.queue.enqueue({ title: 'x' });
    const outcome = await t.queue.send(pull.key);
    expect(outcome).toMatchObject({ kind: 'refused', refusal: { status: 413, message: 'The server answered 413 Payload Too Large', details: [] } });
    expect(t.queue.list()).toEqual([]);
  });

  it('keeps the pull when the session has ended', async () => {
    const t = setup([() => json(401, { error: { code: 'unauthorized', message: 'Sign in', details: [] } })]);
    const pull = t.queue.enqueue({ title: 'x' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'waiting', needsSignIn: true });
    expect(t.queue.list()[0].needsSignIn).toBe(true);
  });

  it('gives up on an attempt that takes too long, and keeps the pull', async () => {
    const hang = (_: Call, signal: AbortSignal) =>
      new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const t = setup([hang], { timeoutMs: 20 });
    const pull = t.queue.enqueue({ title: 'x' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'waiting', reason: 'The server did not answer in time.' });
    expect(t.queue.list()).toHaveLength(1);
  });

  it('gives up on an answer whose body never finishes arriving, and keeps the pull', async () => {
    const stalled = (_: Call, signal: AbortSignal) =>
      new Response(new ReadableStream({ start: (stream) => signal.addEventListener('abort', () => stream.error(new DOMException('aborted', 'AbortError'))) }), { status: 201 });
    const t = setup([stalled], { timeoutMs: 20 });
    const pull = t.queue.enqueue({ title: 'x' });
    expect(await t.queue.send(pull.key)).toMatchObject({ kind: 'waiting', reason: 'The server did not answer in time.' });
    expect(t.queue.list()).toHaveLength(1);
  });

  it('never sends the same pull twice at once (double click, overlapping retries)', async () => {
    let release!: (r: Response) => void;
    const t = setup([() => new Promise<Response>((resolve) => (release = resolve))]);
    const pull = t.queue.enqueue({ title: 'x' });
    const first = t.queue.send(pull.key);
    const second = await t.queue.send(pull.key);
    expect(second).toEqual({ kind: 'skipped', key: pull.key });
    release(json(201, problem(1)));
    expect(await first).toMatchObject({ kind: 'sent' });
    expect(t.calls).toHaveLength(1);
  });

  it('survives a reload: a new queue on the same storage sends what was waiting', async () => {
    const t = setup([offline]);
    const pull = t.queue.enqueue({ title: 'x' });
    await t.queue.send(pull.key);

    const afterReload = new PullQueue({ ...t.deps, fetch: async () => json(201, problem(9)) });
    expect(afterReload.list()).toHaveLength(1);
    const outcomes = await afterReload.flush({ force: true });
    expect(outcomes).toMatchObject([{ kind: 'sent', problem: { number: 9 } }]);
    expect(afterReload.list()).toEqual([]);
  });

  it('flush only retries pulls whose time has come, unless forced', async () => {
    const t = setup([offline, offline]);
    const pull = t.queue.enqueue({ title: 'x' });
    await t.queue.send(pull.key);
    expect(await t.queue.flush()).toEqual([]);
    t.advance(t.queue.nextAttemptAt()! - 1_000);
    expect(await t.queue.flush()).toMatchObject([{ kind: 'waiting' }]);
    expect(t.queue.list()[0].attempts).toBe(2);
  });

  it('backs off further after each failed attempt', async () => {
    const t = setup([offline, offline, offline]);
    const pull = t.queue.enqueue({ title: 'x' });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.queue.send(pull.key);
      delays.push(t.queue.nextAttemptAt()! - 1_000);
    }
    expect(delays[0]).toBeLessThan(delays[1]);
    expect(delays[1]).toBeLessThan(delays[2]);
  });

  it('keeps pulls in memory when storage refuses to write', async () => {
    const t = setup([offline]);
    t.storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const queue = new PullQueue(t.deps);
    const pull = queue.enqueue({ title: 'x' });
    await queue.send(pull.key);
    expect(queue.list()).toHaveLength(1);
  });

  it('tells listeners about every outcome', async () => {
    const t = setup([offline]);
    const seen: string[] = [];
    t.queue.subscribe((outcome) => seen.push(outcome?.kind ?? 'changed'));
    const pull = t.queue.enqueue({ title: 'x' });
    await t.queue.send(pull.key);
    expect(seen).toEqual(['changed', 'changed', 'waiting']);
  });

  it('keeps each person\'s pulls apart when given a per-person storage key', async () => {
    const t = setup([offline]);
    const ada = new PullQueue({ ...t.deps, storageKey: 'queue:ada' });
    const pull = ada.enqueue({ title: 'x' });
    await ada.send(pull.key);
    expect(new PullQueue({ ...t.deps, storageKey: 'queue:bo' }).list()).toEqual([]);
    expect(new PullQueue({ ...t.deps, storageKey: 'queue:ada' }).list()).toHaveLength(1);
  });

  it('ignores unreadable stored data instead of crashing', () => {
    const t = setup([]);
    t.storage.setItem(PULL_QUEUE_STORAGE_KEY, '{not json');
    expect(new PullQueue(t.deps).list()).toEqual([]);
  });

  it('sends a kiosk pull (no title, its own endpoint) and says calmly why a rate-limited one waits', async () => {
    const urls: string[] = [];
    const answers = [
      () => json(429, { error: { code: 'rate_limited', message: 'Too many attempts', details: [] } }),
      () => json(201, { number: 9, title: 'Stop pulled at Line 3', level: 'stop', areaName: 'General', raisedAt: '2025-01-01T00:00:00.000Z' }),
    ];
    const fetch = (async (url: string) => {
      urls.push(url);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected fetch');
      return answer();
    }) as unknown as typeof globalThis.fetch;
    const queue = new PullQueue<{ title?: string; level?: 'help' | 'stop' }, { number: number; title: string }>({
      storage: new FakeStorage(), fetch, endpoint: '/api/kiosk/abc/pulls', newKey: () => 'k1', random: () => 0.5,
    });
    const pull = queue.enqueue({ level: 'stop' });
    expect(await queue.send(pull.key)).toMatchObject({ kind: 'waiting' });
    expect(queue.list()[0].lastProblem).toMatch(/^Many pulls came from here just now/);
    expect(await queue.send(pull.key)).toMatchObject({ kind: 'sent', problem: { number: 9, title: 'Stop pulled at Line 3' } });
    expect(urls).toEqual(['/api/kiosk/abc/pulls', '/api/kiosk/abc/pulls']);
    expect(queue.list()).toEqual([]);
  });
});
