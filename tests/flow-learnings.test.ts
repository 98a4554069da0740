import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_ROLLUP_EVERY_MS } from '../server/flow/rollup/job.ts';
import type { FlowFigures, FlowReport } from '../shared/flow.ts';
import type { Learning, LearningDetail, Suggestions } from '../shared/learnings.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning } from './helpers/learnings.ts';
import { idOf, inviteMember } from './helpers/members.ts';

// The flow figures measured from learnings: recurrence, suggestions shown and opened, spread and
// follow-up actions, from a fixture at known clock times, against values worked out by hand.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Member = Caller & { id: string };
let t: TestApp;
let admin: Caller & { id: string };
let bo: Member;
let cy: Member;
let dee: Member;
let eve: Member;
let t0: number;

// One fixture for every test: they only read the figures, at the same frozen time.
beforeAll(async () => {
  t = await createTestApp();
  const caller = await setUpAdmin(t.app);
  admin = { ...caller, id: await idOf(caller) };
  bo = await inviteMember(t.app, admin, 'Bo Member');
  cy = await inviteMember(t.app, admin, 'Cy Member');
  dee = await inviteMember(t.app, admin, 'Dee Member');
  eve = await inviteMember(t.app, admin, 'Eve Outsider');
  for (const [name, slug] of [['Press', 'press'], ['Dock', 'dock']]) {
    expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name, slug, responseTargetMinutes: 10 } })).statusCode).toBe(201);
  }
  t.clock.freeze();
  t0 = t.clock.now();
  await fixture();
}, 120_000); // some forty requests, with four people signing up, on a machine shared with other test runs
afterAll(() => t.close());

function at(ms: number): void {
  t.clock.advance(t0 + ms - t.clock.now());
}

const day = (ms: number) => new Date(t0 + ms).toISOString().slice(0, 10);

async function ok(who: Caller, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object): Promise<unknown> {
  const response = await who.request({ method, url, payload });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.body ? response.json() : null;
}

async function pull(who: Caller, area: string, title: string): Promise<number> {
  return ((await ok(who, 'POST', '/api/problems', { title, area })) as Problem).number;
}

/** Pulls, joins (each of `swarm`), resolves and publishes a learning; answers the learning. */
async function learned(area: string, title: string, swarm: Caller[], learning: Parameters<typeof publishLearning>[2]): Promise<Learning> {
  const number = await pull(swarm[0], area, title);
  for (const who of swarm) await ok(who, 'POST', `/api/problems/${number}/swarm`);
  await ok(swarm[0], 'POST', `/api/problems/${number}/status`, { status: 'resolved' });
  return publishLearning(swarm[0], number, learning);
}

const linkRecurrence = (number: number, learning: Learning) => ok(admin, 'POST', `/api/problems/${number}/recurrences`, { learningId: learning.id });

/** Suggestions for `q`, reported as shown, as the pull page does when the person leaves it or pulls. */
async function suggest(who: Caller, q: string): Promise<string[]> {
  const { items } = (await ok(who, 'GET', `/api/learnings/suggest?q=${encodeURIComponent(q)}`)) as Suggestions;
  if (items.length > 0) await ok(who, 'POST', '/api/learnings/suggestions-shown', { learningIds: items.map((s) => s.id) });
  return items.map((s) => s.title);
}

let seal: Learning;
let ribbon: Learning;

/**
 * Press: responders Cy; Bo swarmed its problem "Hydraulic press leaks oil" → members Bo, Cy.
 * General: responders Dee; the admin and Bo swarmed "Label printer jams" → members Dee, admin, Bo.
 * Dock: nothing. The period starts a minute after t0, so the problem pulled at t0 is outside it.
 */
async function fixture(): Promise<void> {
  await ok(admin, 'PUT', '/api/areas/press/responders', { userIds: [cy.id] });
  await ok(admin, 'PUT', '/api/areas/general/responders', { userIds: [dee.id] });
  const before = await pull(eve, 'general', 'Forklift battery flat'); // pulled before the period

  at(2 * MINUTE);
  seal = await learned('press', 'Hydraulic press leaks oil', [bo], {
    title: 'Seal wears out on the hydraulic press',
    followUps: [
      { text: 'Replace the seals monthly', ownerId: cy.id, dueOn: day(3 * DAY) }, // overdue by the end
      { text: 'Fit an oil sensor', ownerId: bo.id, dueOn: day(60 * DAY) }, // done below
    ],
  });
  at(HOUR);
  ribbon = await learned('general', 'Label printer jams', [admin, bo], {
    title: 'Ribbon runs out in the label printer',
    followUps: [{ text: 'Stock spare ribbons', ownerId: dee.id, dueOn: day(30 * DAY) }], // open, not due yet
  });
  await ok(bo, 'PATCH', `/api/learnings/${seal.id}/follow-ups/${seal.followUps[1].id}`, { done: true });

  // Recurrences: two in press (one of them of both learnings), one in general; the problem pulled
  // before the period recurred too, and does not count.
  at(DAY); const again = await pull(eve, 'press', 'Press leaks oil again');
  await linkRecurrence(again, seal);
  await linkRecurrence(before, seal);
  at(2 * DAY); const both = await pull(eve, 'press', 'Press stopped, labels jammed');
  await linkRecurrence(both, seal);
  await linkRecurrence(both, ribbon);
  at(3 * DAY); await linkRecurrence(await pull(eve, 'general', 'Oil under the forklift'), seal);
  at(4 * DAY); await pull(eve, 'general', 'Pallet wrapper slow');

  // Suggestions: Cy is shown the seal learning twice on day 1 (once counted) and opens it, and again
  // on day 2; Dee is shown the ribbon one and does not open it; a script asking counts nothing.
  at(DAY + MINUTE);
  expect(await suggest(cy, 'hydraulic seal')).toEqual([seal.title]);
  expect(await suggest(cy, 'hydraulic seal wears')).toEqual([seal.title]);
  expect((await cy.request({ method: 'POST', url: `/api/learnings/${seal.id}/suggestion-opens` })).statusCode).toBe(204);
  expect((await cy.request({ method: 'POST', url: `/api/learnings/${seal.id}/suggestion-opens` })).statusCode).toBe(204);
  expect(await suggest(dee, 'label ribbon')).toEqual([ribbon.title]);
  const token = await createToken(admin);
  const scripted = await t.app.inject({ method: 'GET', url: '/api/learnings/suggest?q=label%20ribbon', headers: { authorization: token } });
  expect(scripted.json<Suggestions>().items).toHaveLength(1);
  const reported = await t.app.inject({ method: 'POST', url: '/api/learnings/suggestions-shown', headers: { authorization: token }, payload: { learningIds: [ribbon.id, seal.id] } });
  expect(reported.statusCode).toBe(204);
  at(2 * DAY + MINUTE);
  expect(await suggest(cy, 'hydraulic')).toEqual([seal.title]);

  // Acknowledgements: Cy (press) and Eve (nobody's member) the seal; Dee and the admin the ribbon.
  at(3 * DAY + MINUTE);
  for (const [who, learning] of [[cy, seal], [eve, seal], [dee, ribbon], [admin, ribbon]] as const) {
    await ok(who, 'POST', `/api/learnings/${learning.id}/acknowledge`);
  }
  at(5 * DAY);
}

const period = (fromMs: number, days: number) =>
  `from=${new Date(t0 + fromMs).toISOString()}&to=${new Date(t0 + fromMs + days * DAY).toISOString()}`;
const fortnight = () => period(MINUTE, 14);

async function flow(query: string): Promise<FlowReport> {
  const response = await admin.request({ method: 'GET', url: `/api/flow?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<FlowReport>();
}

function areaOf(report: FlowReport, slug: string): FlowFigures {
  const area = report.areas.find((a) => a.slug === slug);
  if (!area) throw new Error(`${slug} is missing from the report`);
  return area;
}

const top = (learning: Learning, count: number) => ({ id: learning.id, title: learning.title, problemNumber: learning.problemNumber, area: learning.area, count });

describe('the flow figures measured from learnings', () => {
  it('answers recurrence per area and per learning, by where it recurred', async () => {
    const report = await flow(fortnight());
    // Press pulled 3 in the period (the seal problem and two recurrences); General 3 (one recurred).
    expect(areaOf(report, 'press').recurrence).toEqual({ problems: 2, share: 2 / 3, learnings: [top(seal, 2), top(ribbon, 1)] });
    expect(areaOf(report, 'general').recurrence).toEqual({ problems: 1, share: 1 / 3, learnings: [top(seal, 1)] });
    expect(areaOf(report, 'dock').recurrence).toEqual({ problems: 0, share: null, learnings: [] });
    expect(report.all.recurrence).toEqual({ problems: 3, share: 0.5, learnings: [top(seal, 3), top(ribbon, 1)] });
  });

  it("answers suggestions shown and opened, once per person and day, and the share of each area's members who acknowledged its learnings", async () => {
    const report = await flow(fortnight());
    const press = areaOf(report, 'press');
    const general = areaOf(report, 'general');
    expect(press.suggestions).toEqual({ shown: 2, opened: 1, share: 0.5 });
    expect(general.suggestions).toEqual({ shown: 1, opened: 0, share: 0 });
    expect(report.all.suggestions).toEqual({ shown: 3, opened: 1, share: 1 / 3 });

    // The same members as each learning's own spread counts.
    const spreadOf = async (learning: Learning) => ((await ok(admin, 'GET', `/api/learnings/${learning.id}`)) as LearningDetail).spread;
    expect(await spreadOf(seal)).toMatchObject({ members: 2, membersAcknowledged: 1 });
    expect(await spreadOf(ribbon)).toMatchObject({ members: 3, membersAcknowledged: 2 });
    expect(press.spread).toEqual({ learnings: 1, members: 2, acknowledged: 1, of: 2, share: 0.5 });
    expect(general.spread).toEqual({ learnings: 1, members: 3, acknowledged: 2, of: 3, share: 2 / 3 });
    // Bo is a member of both areas: counted once among the members, in each area's share.
    expect(report.all.spread).toEqual({ learnings: 2, members: 4, acknowledged: 3, of: 5, share: 0.6 });
    expect(areaOf(report, 'dock').spread).toEqual({ learnings: 0, members: 0, acknowledged: 0, of: 0, share: null });
    expect(areaOf(report, 'dock').suggestions).toEqual({ shown: 0, opened: 0, share: null });
  });

  it('answers the follow-up actions of the learnings published in the period, open and overdue', async () => {
    const report = await flow(fortnight());
    expect(areaOf(report, 'press').followUps).toEqual({ total: 2, done: 1, open: 1, overdue: 1 });
    expect(areaOf(report, 'general').followUps).toEqual({ total: 1, done: 0, open: 1, overdue: 0 });
    expect(areaOf(report, 'dock').followUps).toEqual({ total: 0, done: 0, open: 0, overdue: 0 });
    expect(report.all.followUps).toEqual({ total: 3, done: 1, open: 2, overdue: 1 });
  });

  it('counts only what falls in the period, and in the area asked for', async () => {
    const pressOnly = await flow(`${fortnight()}&area=press`);
    expect(pressOnly.all.recurrence).toEqual({ problems: 2, share: 2 / 3, learnings: [top(seal, 2), top(ribbon, 1)] });
    expect(pressOnly.all.spread).toEqual({ learnings: 1, members: 2, acknowledged: 1, of: 2, share: 0.5 });
    expect(pressOnly.all.suggestions.shown).toBe(2);

    // From day 2 on: the learnings were published before, the recurrence of day 1 and the first
    // day's suggestions fall outside; day 2's showing is in, and 2 of the 3 pulls recurred.
    const later = await flow(period(2 * DAY - MINUTE, 10));
    expect(later.all.recurrence).toEqual({ problems: 2, share: 2 / 3, learnings: [top(seal, 2), top(ribbon, 1)] });
    expect(later.all.suggestions).toEqual({ shown: 1, opened: 0, share: 0 });
    expect(later.all.spread).toEqual({ learnings: 0, members: 0, acknowledged: 0, of: 0, share: null });
    expect(later.all.followUps).toEqual({ total: 0, done: 0, open: 0, overdue: 0 });

    const empty = await flow(period(-30 * DAY, 20));
    expect(empty.all.recurrence).toEqual({ problems: 0, share: null, learnings: [] });
    expect(empty.all.suggestions).toEqual({ shown: 0, opened: 0, share: null });
  });

  it('exports recurrence, suggestions, spread and follow-ups as CSV', async () => {
    const csv = async (figure: string) => {
      const response = await admin.request({ method: 'GET', url: `/api/flow/${figure}.csv?${fortnight()}` });
      expect(response.statusCode).toBe(200);
      return response.body.trim().split('\r\n').map((line) => line.split(',').slice(2));
    };
    const recurrence = await csv('recurrence');
    expect(recurrence[0]).toEqual(['area', 'recurring_problems', 'share_of_pulls', 'learning_id', 'learning_problem', 'learning_area', 'learning_title', 'learning_recurrences']);
    // Each scope's own row, then its learnings that recurred most.
    expect(recurrence.filter((row) => row[0] === 'all')).toEqual([
      ['all', '3', '0.5', '', '', '', '', ''],
      ['all', '', '', seal.id, String(seal.problemNumber), 'press', seal.title, '3'],
      ['all', '', '', ribbon.id, String(ribbon.problemNumber), 'general', ribbon.title, '1'],
    ]);
    expect(recurrence.filter((row) => row[0] === 'dock')).toEqual([['dock', '0', '', '', '', '', '', '']]);
    const spread = await csv('spread');
    expect(spread[0]).toEqual(['area', 'learnings', 'members', 'acknowledged', 'of', 'share']);
    expect(spread).toContainEqual(['all', '2', '4', '3', '5', '0.6']);
    expect(spread).toContainEqual(['press', '1', '2', '1', '2', '0.5']);
    expect(await csv('suggestions')).toContainEqual(['all', '3', '1', String(1 / 3)]);
    expect(await csv('follow-ups')).toContainEqual(['press', '2', '1', '1', '1']);
  });

  // Last: it moves the clock on, past the fixture.
  it('answers the same once the flow-rollup job has counted the days (each learning its recurrences too)', async () => {
    const before = await flow(fortnight());
    t.clock.advance(FLOW_ROLLUP_EVERY_MS);
    await t.app.jobs.runDue();
    expect(await flow(fortnight())).toEqual(before);
    expect(before.all.recurrence.learnings).toEqual([top(seal, 3), top(ribbon, 1)]);
  });
});
