import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, createToken, setUpAdmin, type TestApp } from './helpers/app.ts';

const METRICS_TOKEN = 'scrape-me-with-this-token';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function scrape(app: TestApp['app'], authorization = `Bearer ${METRICS_TOKEN}`) {
  return app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
}

/** The value of one sample, e.g. `andon_pulls_total{area="general",level="stop",source="api"}`; 0 when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(',') : [];
    if (wanted.every((label) => have.includes(label)) && have.length === wanted.length) return Number(match[3]);
  }
  return 0;
}

// prom-client's own default gauges carry a `_total` suffix that promtool's linter frowns on; they
// are prom-client's names, kept as every Node.js dashboard expects them.
const PROM_CLIENT_DEFAULT_NAMES = /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;

/** What Prometheus's own parser and linter find wrong (a parse error included), less prom-client's defaults. */
function promtoolFindings(exposition: string): string[] {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => line !== '' && !PROM_CLIENT_DEFAULT_NAMES.test(line));
}

describe('GET /metrics', () => {
  it('is not served at all when ANDON_METRICS_TOKEN is unset', async () => {
    t = await createTestApp();
    const response = await scrape(t.app);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a scrape without the token, with another token, or with an API token', async () => {
    t = await createTestApp({ ANDON_METRICS_TOKEN: METRICS_TOKEN });
    const admin = await setUpAdmin(t.app);
    const apiToken = await createToken(admin);
    for (const authorization of ['', `Bearer ${METRICS_TOKEN}x`, 'Bearer scrape-me', apiToken, METRICS_TOKEN]) {
      const response = await scrape(t.app, authorization);
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(response.body).not.toContain('andon_');
    }
    // A signed-in admin's cookie does not open it either: it is for Prometheus.
    const withCookie = await admin.request({ method: 'GET', url: '/metrics' });
    expect(withCookie.statusCode).toBe(401);
  });

  it('answers an exposition that promtool accepts, whose counters move when pulls arrive', async () => {
    t = await createTestApp({ ANDON_METRICS_TOKEN: METRICS_TOKEN });
    const admin = await setUpAdmin(t.app);
    const apiToken = await createToken(admin);

    const before = await scrape(t.app);
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toContain('text/plain');
    expect(sample(before.body, 'andon_pulls_total', { area: 'general', level: 'stop', source: 'api' })).toBe(0);

    for (const [level, caller] of [['stop', apiToken], ['stop', apiToken], ['help', null]] as const) {
      const payload = { title: `A ${level} pull`, level };
      const response = caller === null
        ? await admin.request({ method: 'POST', url: '/api/problems', payload })
        : await t.app.inject({ method: 'POST', url: '/api/problems', headers: { authorization: caller }, payload });
      expect(response.statusCode).toBe(201);
    }
    await t.app.inject({ method: 'GET', url: '/api/problems/1', headers: { authorization: apiToken } });
    await t.app.inject({ method: 'GET', url: '/api/problems/2', headers: { authorization: apiToken } });

    const after = await scrape(t.app);
    const body = after.body;
    expect(promtoolFindings(body)).toEqual([]);

    expect(sample(body, 'andon_pulls_total', { area: 'general', level: 'stop', source: 'api' })).toBe(2);
    expect(sample(body, 'andon_pulls_total', { area: 'general', level: 'help', source: 'person' })).toBe(1);
    expect(sample(body, 'andon_open_problems', { area: 'general', level: 'stop', status: 'raised' })).toBe(2);
    expect(sample(body, 'andon_open_problems', { area: 'general', level: 'help', status: 'raised' })).toBe(1);
    expect(sample(body, 'andon_events_newest_seq')).toBeGreaterThanOrEqual(3);
    expect(sample(body, 'andon_live_hub_behind_events')).toBe(0);

    // Requests counted under the route pattern, not the URL with its number in it.
    expect(sample(body, 'andon_http_request_duration_seconds_count', { method: 'GET', route: '/api/problems/:number', status_code: '200' })).toBe(2);
    expect(body).not.toContain('route="/api/problems/1"');
    expect(sample(body, 'andon_http_request_duration_seconds_count', { method: 'POST', route: '/api/problems', status_code: '201' })).toBe(3);
    // Process and event-loop figures of this instance.
    expect(body).toContain('process_cpu_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_p99_seconds');
  });

  it('counts jobs that are due and overdue, as read from the database', async () => {
    t = await createTestApp({ ANDON_METRICS_TOKEN: METRICS_TOKEN });
    const admin = await setUpAdmin(t.app);
    await t.app.jobs.runDue(); // the retention job due at start
    expect(sample((await scrape(t.app)).body, 'andon_jobs_due')).toBe(0);
    const raised = await admin.request({ method: 'POST', url: '/api/problems', payload: { title: 'Nobody answers', level: 'help' } });
    expect(raised.statusCode).toBe(201);
    // Past the 5-minute response target, and a minute more: the countdown job is due, then overdue.
    t.clock.advance(5 * 60_000 + 1_000);
    let body = (await scrape(t.app)).body;
    expect(sample(body, 'andon_jobs_due')).toBe(1);
    expect(sample(body, 'andon_jobs_overdue')).toBe(0);
    t.clock.advance(61_000);
    body = (await scrape(t.app)).body;
    expect(sample(body, 'andon_jobs_overdue')).toBe(1);
    await t.app.jobs.runDue();
    body = (await scrape(t.app)).body;
    expect(sample(body, 'andon_jobs_due')).toBe(0);
    expect(sample(body, 'andon_jobs_overdue')).toBe(0);
  });
});
