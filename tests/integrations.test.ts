import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import type { IntegrationList, NotificationResult } from '../shared/integrations.ts';
import type { Problem } from '../shared/problems.ts';
import type { TimelineList } from '../shared/timeline.ts';
import { grafanaSignature } from '../server/integrations/signature.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { createIntegration, fixture, notify } from './helpers/integrations.ts';
import { inviteMember } from './helpers/members.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ t: TestApp; admin: Caller }> {
  const t = await createTestApp();
  cleanups.push(() => t.close());
  return { t, admin: await setUpAdmin(t.app) };
}

const am = (stage: string) => fixture(`alertmanager/${stage}.json`);

async function problemOf(admin: Caller, number: number): Promise<Problem> {
  return (await admin.request({ method: 'GET', url: `/api/problems/${number}` })).json<Problem>();
}

async function timelineOf(admin: Caller, number: number): Promise<string[]> {
  return (await admin.request({ method: 'GET', url: `/api/problems/${number}/timeline` })).json<TimelineList>().items.map((e) => e.body);
}

async function openProblems(admin: Caller): Promise<Problem[]> {
  return (await admin.request({ method: 'GET', url: '/api/problems?status=open' })).json<{ items: Problem[] }>().items;
}

const mentions = (bodies: string[], text: string) => bodies.join('\n').split(text).length - 1;

// Alertmanager's captured stages and Grafana's, built from them in its documented format: one walk for both.
const formats = [
  { kind: 'alertmanager', sender: 'Alertmanager', source: '[Source](http://prometheus.example.com:9090/graph' },
  { kind: 'grafana', sender: 'Grafana', source: '[Source](https://grafana.example.com/alerting/grafana/' },
] as const;

describe.each(formats)('a $kind integration, stage by stage', ({ kind, sender, source }) => {
  const stage = (name: string) => fixture(`${kind}/${name}.json`);

  it('raises one problem per alert group and follows it through every stage of the notifications', { timeout: 60_000 }, async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, kind);
    expect(integration.token).toMatch(/^andon_int_/);

    const first = await notify(t.app, integration, stage('1-firing-two-alerts'));
    expect(first.statusCode).toBe(201);
    const { problemNumber } = first.json<NotificationResult>();
    let problem = await problemOf(admin, problemNumber ?? 0);
    expect(problem).toMatchObject({
      title: 'Disk almost full on the database hosts', level: 'stop', status: 'raised', firingAlerts: 2,
      raisedBy: { kind: 'integration', id: integration.id, name: sender }, recurrenceOf: null,
    });
    expect(problem.details).toContain('[Runbook](https://runbooks.example.com/disk-full)');
    expect(problem.details).toContain('Filesystem /var/lib/postgresql on db-1 is 93% full');
    expect(problem.details).toContain(source);

    // The same notification again (repeat_interval): nothing new.
    expect((await notify(t.app, integration, stage('1-firing-two-alerts'))).json<NotificationResult>()).toMatchObject({ outcome: 'unchanged', problemNumber });
    // A third alert joins, then one resolves: the same problem, each change recorded once.
    expect((await notify(t.app, integration, stage('2-third-alert-joins'))).json<NotificationResult>()).toMatchObject({ outcome: 'updated', problemNumber, firingAlerts: 3 });
    await notify(t.app, integration, stage('2-third-alert-joins'));
    expect((await notify(t.app, integration, stage('3-one-alert-resolves'))).json<NotificationResult>()).toMatchObject({ problemNumber, firingAlerts: 2 });
    await notify(t.app, integration, stage('3-one-alert-resolves'));
    expect(await openProblems(admin)).toHaveLength(1);
    let timeline = await timelineOf(admin, problemNumber ?? 0);
    expect(mentions(timeline, '**Firing** `db-3`')).toBe(1);
    expect(mentions(timeline, '**Resolved** `db-1`')).toBe(1);
    expect(mentions(timeline, '**Firing** `db-1`')).toBe(1);
    expect((await problemOf(admin, problemNumber ?? 0)).firingAlerts).toBe(2);

    // Every alert resolved, nobody joined: resolved by itself, through the one status path.
    await notify(t.app, integration, stage('4-all-resolved'));
    problem = await problemOf(admin, problemNumber ?? 0);
    expect(problem).toMatchObject({ status: 'resolved', firingAlerts: 0 });
    expect(problem.history.at(-1)).toMatchObject({ from: 'raised', to: 'resolved', reason: 'All alerts resolved', by: { kind: 'integration' } });
    timeline = await timelineOf(admin, problemNumber ?? 0);
    expect(timeline.some((body) => body.startsWith('All alerts of this group have resolved. Nobody had joined the swarm'))).toBe(true);
    expect(timeline).toContain('raised → resolved: All alerts resolved');
    // A repeat of the resolved notification finds nothing open and raises nothing.
    expect((await notify(t.app, integration, stage('4-all-resolved'))).json<NotificationResult>().outcome).toBe('ignored');

    // The same group fires again: a new problem, linked to the earlier one as a recurrence.
    const again = await notify(t.app, integration, stage('5-fires-again'));
    expect(again.statusCode).toBe(201);
    const recurrence = await problemOf(admin, again.json<NotificationResult>().problemNumber ?? 0);
    expect(recurrence.number).not.toBe(problemNumber);
    expect(recurrence).toMatchObject({ status: 'raised', recurrenceOf: problemNumber, firingAlerts: 1, title: 'Disk almost full on the database hosts' });
  });

  it('counts the alerts a truncated notification left out, and names the group by alertname and instances without a summary', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, kind);
    const answer = (await notify(t.app, integration, stage('6-truncated'))).json<NotificationResult>();
    expect(answer.firingAlerts).toBe(5);
    const problem = await problemOf(admin, answer.problemNumber ?? 0);
    expect(problem).toMatchObject({ title: 'HighLatency on 2 instances', level: 'help', firingAlerts: 5 });
    expect((await timelineOf(admin, problem.number)).join('\n')).toContain('and 3 more alerts not listed by the sender');
  });

  it('keeps a group people closed while it fired closed at each re-send, and raises it again when an alert fires anew', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, kind);
    const setStatus = (number: number, status: string) => admin.request({ method: 'POST', url: `/api/problems/${number}/status`, payload: status === 'dismissed' ? { status, reason: 'not-a-problem' } : { status } });
    const first = (await notify(t.app, integration, stage('1-firing-two-alerts'))).json<NotificationResult>().problemNumber ?? 0;
    expect((await setStatus(first, 'resolved')).statusCode).toBe(200);

    // repeat_interval re-sends the same firing alerts: still the one, closed problem.
    for (let i = 0; i < 3; i += 1) {
      const resend = await notify(t.app, integration, stage('1-firing-two-alerts'));
      expect(resend.statusCode).toBe(200);
      expect(resend.json<NotificationResult>()).toMatchObject({ outcome: 'ignored', problemNumber: first });
    }
    expect(await openProblems(admin)).toHaveLength(0);
    expect((await problemOf(admin, first)).status).toBe('resolved');

    // A third alert starts firing (a fingerprint the closed problem never saw): raised again, as a recurrence.
    const joined = await notify(t.app, integration, stage('2-third-alert-joins'));
    expect(joined.statusCode).toBe(201);
    const second = joined.json<NotificationResult>().problemNumber ?? 0;
    expect(await problemOf(admin, second)).toMatchObject({ status: 'raised', recurrenceOf: first, firingAlerts: 3 });

    // Dismissed while firing, re-sent, then the whole group resolves and fires anew: raised once more.
    expect((await setStatus(second, 'dismissed')).statusCode).toBe(200);
    expect((await notify(t.app, integration, stage('2-third-alert-joins'))).json<NotificationResult>()).toMatchObject({ outcome: 'ignored', problemNumber: second });
    expect((await notify(t.app, integration, stage('4-all-resolved'))).json<NotificationResult>()).toMatchObject({ outcome: 'ignored', problemNumber: second });
    expect(await openProblems(admin)).toHaveLength(0);
    const refired = await notify(t.app, integration, stage('5-fires-again'));
    expect(refired.statusCode).toBe(201);
    expect(await problemOf(admin, refired.json<NotificationResult>().problemNumber ?? 0)).toMatchObject({ status: 'raised', recurrenceOf: second, firingAlerts: 1 });
    expect(await openProblems(admin)).toHaveLength(1);
  });
});

describe('an Alertmanager integration', () => {
  it('accepts a groupKey longer than a dedup key, and deduplicates on it', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    const labels = Array.from({ length: 120 }, (_, i) => `label_${String(i)}="a value long enough to make the key long"`).join(', ');
    const long = { ...am('1-firing-two-alerts'), groupKey: `{}:{${labels}}` };
    expect((long.groupKey).length).toBeGreaterThan(5_000);
    const first = await notify(t.app, integration, long);
    expect(first.statusCode).toBe(201);
    const number = first.json<NotificationResult>().problemNumber;
    expect((await notify(t.app, integration, long)).json<NotificationResult>()).toMatchObject({ outcome: 'unchanged', problemNumber: number });
    expect((await notify(t.app, integration, { ...am('2-third-alert-joins'), groupKey: long.groupKey })).json<NotificationResult>()).toMatchObject({ outcome: 'updated', problemNumber: number, firingAlerts: 3 });
    // Another long key with the same beginning is another group.
    const other = await notify(t.app, integration, { ...long, groupKey: `${long.groupKey}, x="1"` });
    expect(other.statusCode).toBe(201);
    expect(await openProblems(admin)).toHaveLength(2);
    expect((await problemOf(admin, number ?? 0)).dedupKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('documents the three notification shapes in the OpenAPI spec', async () => {
    const { t } = await setUp();
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { anyOf?: Array<{ properties?: Record<string, unknown> }> } }> } } }>;
    }>();
    const shapes = spec.paths['/api/integrations/{id}/notify'].post?.requestBody?.content['application/json'].schema.anyOf ?? [];
    const fields = shapes.map((shape) => Object.keys(shape.properties ?? {}));
    expect(fields).toHaveLength(3);
    expect(fields[0]).toEqual(expect.arrayContaining(['version', 'groupKey', 'truncatedAlerts', 'alerts']));
    expect(fields[1]).toEqual(expect.arrayContaining(['groupKey', 'title', 'state', 'message', 'orgId', 'alerts']));
    expect(JSON.stringify(shapes[1])).toContain('dashboardURL');
    expect(fields[2]).toEqual(expect.arrayContaining(['title', 'dedupKey', 'status']));
  });

  it('never merges two groups that share a summary', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    await notify(t.app, integration, am('1-firing-two-alerts'));
    await notify(t.app, integration, { ...am('1-firing-two-alerts'), groupKey: '{}:{alertname="DiskAlmostFull", cluster="us-1"}' });
    const open = await openProblems(admin);
    expect(open.map((p) => p.title)).toEqual(['Disk almost full on the database hosts', 'Disk almost full on the database hosts']);
  });

  it('leaves the problem open when every alert resolved but a swarm is working it', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    const number = (await notify(t.app, integration, am('1-firing-two-alerts'))).json<NotificationResult>().problemNumber ?? 0;
    expect((await admin.request({ method: 'POST', url: `/api/problems/${number}/swarm` })).statusCode).toBeLessThan(300);
    await notify(t.app, integration, am('4-all-resolved'));
    const problem = await problemOf(admin, number);
    expect(problem).toMatchObject({ status: 'swarming', firingAlerts: 0 });
    expect((await timelineOf(admin, number)).some((b) => b.includes('A swarm is working it, so it stays open'))).toBe(true);
  });

  it('leaves the problem open when resolving by itself is turned off, and updates it when the group fires again', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager', { autoResolve: false });
    expect(integration.autoResolve).toBe(false);
    const number = (await notify(t.app, integration, am('1-firing-two-alerts'))).json<NotificationResult>().problemNumber ?? 0;
    await notify(t.app, integration, am('4-all-resolved'));
    expect(await problemOf(admin, number)).toMatchObject({ status: 'raised', firingAlerts: 0 });
    expect((await timelineOf(admin, number)).some((b) => b.includes('Resolving by itself is turned off'))).toBe(true);
    const again = (await notify(t.app, integration, am('5-fires-again'))).json<NotificationResult>();
    expect(again).toMatchObject({ outcome: 'updated', problemNumber: number, firingAlerts: 1 });
    expect(await openProblems(admin)).toHaveLength(1);
  });

  it('pulls Stop only for the severities its settings name', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager', { stopSeverities: ['page'] });
    const number = (await notify(t.app, integration, am('1-firing-two-alerts'))).json<NotificationResult>().problemNumber ?? 0;
    expect((await problemOf(admin, number)).level).toBe('help');
    const changed = await admin.request({ method: 'PATCH', url: `/api/areas/general/integrations/${integration.id}`, payload: { stopSeverities: ['critical'] } });
    expect(changed.json()).toMatchObject({ stopSeverities: ['critical'] });
    const other = { ...am('1-firing-two-alerts'), groupKey: 'another group' };
    const stop = (await notify(t.app, integration, other)).json<NotificationResult>().problemNumber ?? 0;
    expect((await problemOf(admin, stop)).level).toBe('stop');
  });

  it('refuses a payload that is not valid with a 400 naming what is wrong, and changes nothing', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    const { groupKey: _dropped, ...withoutGroupKey } = am('1-firing-two-alerts');
    const missing = await notify(t.app, integration, withoutGroupKey);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', message: 'groupKey is required' });
    const wrongStatus = await notify(t.app, integration, { ...am('1-firing-two-alerts'), status: 'burning' });
    expect(wrongStatus.statusCode).toBe(400);
    expect(wrongStatus.json<ErrorBody>().error.details.map((d) => d.field)).toContain('status');
    const badAlert = am('1-firing-two-alerts');
    (badAlert.alerts as Array<Record<string, unknown>>)[1].fingerprint = 42;
    expect((await notify(t.app, integration, badAlert)).json<ErrorBody>().error.details.map((d) => d.field)).toContain('alerts.1.fingerprint');
    const notJson = await notify(t.app, integration, '{"status": "firing",');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<ErrorBody>().error.code).toBe('invalid_json');
    const huge = { ...am('1-firing-two-alerts'), commonAnnotations: { description: 'x'.repeat(1024 * 1024) } };
    const tooLarge = await notify(t.app, integration, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<ErrorBody>().error.code).toBe('body_too_large');
    expect(await openProblems(admin)).toHaveLength(0);
  });

  it('answers 401 without its token, with another token or with an API token, and changes nothing', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    const other = await createIntegration(admin, 'alertmanager');
    const apiToken = (await createToken(admin)).replace('Bearer ', '');
    for (const token of ['', 'andon_int_guess', other.token, apiToken]) {
      const response = await notify(t.app, { url: integration.url, token }, am('1-firing-two-alerts'));
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorBody>().error.code).toBe('unauthorized');
    }
    expect(await openProblems(admin)).toHaveLength(0);
  });
});

describe('managing integrations', () => {
  it('is for admins only, answers the token once, and lists without it', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'grafana', { hmacSecret: 'grafana secret', name: 'Grafana prod' });
    expect(integration).toMatchObject({ kind: 'grafana', name: 'Grafana prod', signed: true, area: 'general', url: `http://localhost:3000/api/integrations/${integration.id}/notify` });
    const list = (await admin.request({ method: 'GET', url: '/api/areas/general/integrations' })).json<IntegrationList>();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(integration.token);
    expect(JSON.stringify(list)).not.toContain('grafana secret');

    const member = await inviteMember(t.app, admin, 'Bo');
    expect((await member.request({ method: 'GET', url: '/api/areas/general/integrations' })).statusCode).toBe(403);
    expect((await member.request({ method: 'POST', url: '/api/areas/general/integrations', payload: { kind: 'generic' } })).statusCode).toBe(403);
    const token = await createToken(admin);
    expect((await t.app.inject({ method: 'POST', url: '/api/areas/general/integrations', headers: { authorization: token }, payload: { kind: 'generic' } })).statusCode).toBe(403);

    const badKind = await admin.request({ method: 'POST', url: '/api/areas/general/integrations', payload: { kind: 'nagios' } });
    expect(badKind.statusCode).toBe(400);
    const secretOnAlertmanager = await admin.request({ method: 'POST', url: '/api/areas/general/integrations', payload: { kind: 'alertmanager', hmacSecret: 'x' } });
    expect(secretOnAlertmanager.json<ErrorBody>().error.details).toEqual([{ field: 'hmacSecret', message: 'only goes with kind grafana' }]);
    expect((await admin.request({ method: 'POST', url: '/api/areas/nowhere/integrations', payload: { kind: 'generic' } })).statusCode).toBe(404);
  });

  it('rotates the token: the old one stops working at once, the new one works', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'alertmanager');
    const rotated = await admin.request({ method: 'POST', url: `/api/areas/general/integrations/${integration.id}/rotate` });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json<{ token: string; url: string; tokenRotatedAt: string | null }>();
    expect(fresh.token).not.toBe(integration.token);
    expect(fresh.tokenRotatedAt).not.toBeNull();
    expect((await notify(t.app, integration, am('1-firing-two-alerts'))).statusCode).toBe(401);
    expect((await notify(t.app, fresh, am('1-firing-two-alerts'))).statusCode).toBe(201);
  });

  it('deletes an integration: its token stops working', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'generic');
    expect((await admin.request({ method: 'DELETE', url: `/api/areas/general/integrations/${integration.id}` })).statusCode).toBe(204);
    expect((await notify(t.app, integration, { title: 'Backup failed' })).statusCode).toBe(401);
    expect((await admin.request({ method: 'GET', url: '/api/areas/general/integrations' })).json<IntegrationList>().items).toEqual([]);
  });
});

describe('a Grafana integration', () => {
  const firing = () => fixture('grafana/checkout-firing.json');

  it('raises the group as one problem with its dashboard links, and resolves it by itself', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'grafana');
    const number = (await notify(t.app, integration, firing())).json<NotificationResult>().problemNumber ?? 0;
    const problem = await problemOf(admin, number);
    expect(problem).toMatchObject({ title: 'Checkout is failing', level: 'stop', firingAlerts: 1, raisedBy: { kind: 'integration', name: 'Grafana' } });
    expect(problem.details).toContain('[Dashboard](https://grafana.example.com/d/shop-overview?orgId=1)');
    expect(problem.details).toContain('[Panel](');
    await notify(t.app, integration, firing());
    await notify(t.app, integration, fixture('grafana/checkout-resolved.json'));
    expect(await problemOf(admin, number)).toMatchObject({ status: 'resolved', firingAlerts: 0 });
  });

  it('with a secret, accepts a good HMAC signature (with or without a timestamp) and refuses a bad, missing or stale one', async () => {
    const { t, admin } = await setUp();
    const secret = 'a shared grafana secret';
    const integration = await createIntegration(admin, 'grafana', { hmacSecret: secret });
    const body = JSON.stringify(firing());
    const signature = grafanaSignature(secret, body);

    const variants: Array<Record<string, string>> = [{}, { 'x-grafana-alerting-signature': grafanaSignature('another secret', body) }, { 'x-grafana-alerting-signature': 'zz' }];
    for (const headers of variants) {
      const refused = await notify(t.app, integration, body, headers);
      expect(refused.statusCode).toBe(401);
      expect(refused.json<ErrorBody>().error.message).toMatch(/^The Grafana signature is refused/);
    }
    // Signed for another body: the signature covers the exact bytes.
    expect((await notify(t.app, integration, body.replace('12%', '13%'), { 'x-grafana-alerting-signature': signature })).statusCode).toBe(401);
    const stale = String(Math.floor(t.clock.now() / 1000) - 600);
    expect((await notify(t.app, integration, body, { 'x-grafana-alerting-signature': grafanaSignature(secret, body, stale), 'x-grafana-alerting-timestamp': stale })).statusCode).toBe(401);
    expect(await openProblems(admin)).toHaveLength(0);

    expect((await notify(t.app, integration, body, { 'x-grafana-alerting-signature': signature })).statusCode).toBe(201);
    const now = String(Math.floor(t.clock.now() / 1000));
    const timed = await notify(t.app, integration, body, { 'x-grafana-alerting-signature': grafanaSignature(secret, body, now), 'x-grafana-alerting-timestamp': now });
    expect(timed.json<NotificationResult>().outcome).toBe('unchanged');

    // Turning the secret off accepts unsigned notifications again.
    await admin.request({ method: 'PATCH', url: `/api/areas/general/integrations/${integration.id}`, payload: { hmacSecret: null } });
    expect((await notify(t.app, integration, body)).statusCode).toBe(200);
  });
});

describe('a generic integration and dedupKey', () => {
  it('takes a small JSON body, dedupes on dedupKey and resolves by itself', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'generic', { name: 'Backup script' });
    const first = await notify(t.app, integration, { title: 'Nightly backup failed', details: 'exit 2', level: 'stop', dedupKey: 'backup' });
    expect(first.statusCode).toBe(201);
    const number = first.json<NotificationResult>().problemNumber ?? 0;
    expect(await problemOf(admin, number)).toMatchObject({ title: 'Nightly backup failed', details: 'exit 2', level: 'stop', dedupKey: 'backup', raisedBy: { kind: 'integration', name: 'Backup script' } });
    expect((await notify(t.app, integration, { title: 'Nightly backup failed again', dedupKey: 'backup' })).json<NotificationResult>()).toMatchObject({ outcome: 'unchanged', problemNumber: number });
    await notify(t.app, integration, { title: 'Nightly backup failed', dedupKey: 'backup', status: 'resolved' });
    expect((await problemOf(admin, number)).status).toBe('resolved');
    // Without a key, every notification is a pull of its own.
    await notify(t.app, integration, { title: 'Disk check' });
    await notify(t.app, integration, { title: 'Disk check' });
    expect(await openProblems(admin)).toHaveLength(2);
    const extra = await notify(t.app, integration, { title: 'x', severity: 'high' });
    expect(extra.json<ErrorBody>().error.details).toEqual([{ field: 'severity', message: 'is not a known field' }]);
  });

  it('a script re-sending a firing dedupKey after people closed its problem raises nothing until it has sent resolved', async () => {
    const { t, admin } = await setUp();
    const integration = await createIntegration(admin, 'generic');
    const firing = { title: 'Line 2 conveyor stopped', dedupKey: 'line-2-conveyor' };
    const first = (await notify(t.app, integration, firing)).json<NotificationResult>().problemNumber ?? 0;
    await admin.request({ method: 'POST', url: `/api/problems/${first}/status`, payload: { status: 'resolved' } });
    expect((await notify(t.app, integration, firing)).json<NotificationResult>()).toMatchObject({ outcome: 'ignored', problemNumber: first });
    expect(await openProblems(admin)).toHaveLength(0);
    expect((await notify(t.app, integration, { ...firing, status: 'resolved' })).json<NotificationResult>().outcome).toBe('ignored');
    const again = await notify(t.app, integration, firing);
    expect(again.statusCode).toBe(201);
    expect(await problemOf(admin, again.json<NotificationResult>().problemNumber ?? 0)).toMatchObject({ status: 'raised', recurrenceOf: first });
  });

  it('POST /api/problems with a dedupKey answers the open problem instead of raising another', async () => {
    const { admin } = await setUp();
    const pull = (title: string) => admin.request({ method: 'POST', url: '/api/problems', payload: { title, dedupKey: 'line-3-jam' } });
    const first = (await pull('Line 3 jammed')).json<Problem>();
    const second = (await pull('Line 3 jammed again')).json<Problem>();
    expect(second.number).toBe(first.number);
    expect(second.title).toBe('Line 3 jammed');
    expect(await openProblems(admin)).toHaveLength(1);
    await admin.request({ method: 'POST', url: `/api/problems/${first.number}/status`, payload: { status: 'resolved' } });
    const third = (await pull('Line 3 jammed')).json<Problem>();
    expect(third.number).not.toBe(first.number);
    expect(third.recurrenceOf).toBe(first.number);
    // Reopening the first while the third is open would make two open problems for one key.
    const reopen = await admin.request({ method: 'POST', url: `/api/problems/${first.number}/status`, payload: { status: 'swarming' } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json<ErrorBody>().error.code).toBe('dedup_key_open');
    expect((await problemOf(admin, first.number)).status).toBe('resolved');
  });
});
