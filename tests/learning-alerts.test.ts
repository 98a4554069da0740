import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEventsAfter } from '../server/events/store.ts';
import type { AlertPreferences } from '../shared/alerts.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { LearningAlert } from '../shared/learnings.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning, resolvedProblem, saveLearning } from './helpers/learnings.ts';
import { inviteMember } from './helpers/members.ts';

type Person = Caller & { id: string };
let t: TestApp;
let admin: Caller;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
});
afterEach(() => t.close());

const CHANNELS = { banner: true, sound: true, notification: true };
const preferencesOf = async (who: Caller) => (await who.request({ method: 'GET', url: '/api/me/alert-preferences' })).json<AlertPreferences>();
async function follow(who: Caller, choice: { areas?: string[]; tags?: string[] }) {
  const response = await who.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: { areas: [], ...CHANNELS, ...choice } });
  expect(response.statusCode, response.body).toBe(200);
}

/** The notices of published learnings, as every tab reads them from the log. */
async function learningAlerts(): Promise<LearningAlert[]> {
  const events = await listEventsAfter(t.db, 0, 10_000);
  return events.filter((e) => e.name === 'learning.alerted').map((e) => JSON.parse(e.data) as LearningAlert);
}

describe('following tags', () => {
  it('keeps the tags a person follows beside their areas, and keeps them when a later choice leaves them out', async () => {
    const bo = await inviteMember(t.app, admin, 'Bo Member');
    expect((await preferencesOf(bo)).tags).toEqual([]);
    await follow(bo, { tags: ['printer', 'database'] });
    expect(await preferencesOf(bo)).toEqual({ areas: [], tags: ['database', 'printer'], ...CHANNELS });
    // A client that knows nothing of tags (an older script) does not unfollow them.
    await follow(bo, { areas: ['general'] });
    expect(await preferencesOf(bo)).toEqual({ areas: ['general'], tags: ['database', 'printer'], ...CHANNELS });
    await follow(bo, { tags: [] });
    expect((await preferencesOf(bo)).tags).toEqual([]);
  });

  it('refuses a tag that is not lower-case words, a repeated tag or too many, with 400, changing nothing', async () => {
    const bo = await inviteMember(t.app, admin, 'Bo Member');
    await follow(bo, { tags: ['database'] });
    for (const tags of [['Database'], ['two words'], ['x'.repeat(41)], ['database', 'database'], [''], Array.from({ length: 101 }, (_, i) => `tag-${i}`), 'database']) {
      const response = await bo.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: { areas: [], ...CHANNELS, tags } });
      expect(response.statusCode, JSON.stringify(tags).slice(0, 60)).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect((await preferencesOf(bo)).tags).toEqual(['database']);
  });
});

describe('who a published learning notifies in the app', () => {
  let publisher: Person;
  let swarmer: Person;
  let responder: Person;
  let onPath: Person;
  let areaFollower: Person;
  let tagFollower: Person;
  let otherTag: Person;
  let otherArea: Person;
  let outsider: Person;
  beforeEach(async () => {
    [publisher, swarmer, responder, onPath, areaFollower, tagFollower, otherTag, otherArea, outsider] = await Promise.all(
      ['Pia Publisher', 'Sam Swarmer', 'Rey Responder', 'Eli Escalation', 'Fay Follower', 'Tim Tagfollower', 'Oli Othertag', 'Ned Otherarea', 'Uma Outsider']
        .map((name) => inviteMember(t.app, admin, name)),
    );
    expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Press', slug: 'press' } })).statusCode).toBe(201);
    expect((await admin.request({ method: 'PUT', url: '/api/areas/general/responders', payload: { userIds: [responder.id] } })).statusCode).toBe(200);
    expect((await admin.request({ method: 'PUT', url: '/api/areas/general/escalation', payload: { steps: [{ userIds: [onPath.id], waitMinutes: 5 }], repeat: 0 } })).statusCode).toBe(200);
    await follow(areaFollower, { areas: ['general'] });
    await follow(tagFollower, { tags: ['database', 'checkout'] });
    await follow(responder, { tags: ['database'] });
    await follow(otherTag, { tags: ['printer'] });
    await follow(otherArea, { areas: ['press'], tags: ['network'] });
  });

  it("tells the area's members and followers and the followers of its tags, once each; not the others, nor who published it", async () => {
    const number = await resolvedProblem(publisher, 'Checkout times out', undefined, [swarmer]);
    const learning = await publishLearning(publisher, number, { title: 'Pool too small', tags: ['database', 'checkout'] });

    const [alert, ...more] = await learningAlerts();
    expect(more).toEqual([]);
    expect(alert).toEqual({
      id: learning.id, problemNumber: number, title: 'Pool too small', area: 'general', areaName: 'General', tags: ['database', 'checkout'],
      publishedBy: 'Pia Publisher', userIds: [swarmer, responder, onPath, areaFollower, tagFollower].map((p) => p.id).sort(),
      tagFollowerIds: [tagFollower.id],
    });
    for (const left of [publisher, otherTag, otherArea, outsider]) expect(alert.userIds).not.toContain(left.id);
  });

  it('tells nobody again when the learning is edited after publishing, and tells an unfollower nothing', async () => {
    await follow(tagFollower, { tags: [] });
    const number = await resolvedProblem(publisher, 'Label printer jams');
    const learning = await publishLearning(publisher, number, { title: 'Ribbon ran out', tags: ['database'] });
    await saveLearning(publisher, number, { title: 'Ribbon ran out early', summary: 'What happened', cause: 'Why it happened', tags: ['database', 'printer'] });

    const alerts = await learningAlerts();
    expect(alerts.map((a) => a.id)).toEqual([learning.id]);
    expect(alerts[0].userIds).not.toContain(tagFollower.id);
    expect(alerts[0].userIds).not.toContain(otherTag.id);
  });

  it('records no notice when the learning concerns nobody but who published it', async () => {
    const number = await resolvedProblem(publisher, 'Kettle trips the fuse');
    expect((await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area: 'press' } })).statusCode).toBe(200);
    await follow(otherArea, { areas: [], tags: [] });
    await publishLearning(publisher, number, { title: 'Kettle on its own circuit', tags: ['electrics'] });
    expect(await learningAlerts()).toEqual([]);
  });
});
