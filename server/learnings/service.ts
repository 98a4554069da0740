import { v7 as timeOrderedUuid } from 'uuid';
import {
  LEARNING_TEXT_FIELDS, type FollowUpDoneBody, type Learning, type LearningDetail, type LearningPublishedData,
  type MyLearnings, type ProblemLearning, type SaveLearningBody,
} from '../../shared/learnings.ts';
import type { Principal } from '../accounts/principal.ts';
import { recordLearningAlert } from '../alerts/record-learning-alert.ts';
import { unknownUserIds } from '../accounts/store.ts';
import type { Clock } from '../clock.ts';
import type { Database, Queryable, Tx } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog, EventRouting } from '../events/event-log.ts';
import { loadLockedProblem } from '../problems/load-problem.ts';
import { moveStatus } from '../problems/status-change.ts';
import { findProblemByNumber, findProblemForUpdate, type ProblemWithArea } from '../problems/store.ts';
import { listTimelineEntries } from '../timeline/store.ts';
import { dayOf, presentFollowUp, tagsOf, presentLearning, presentRevision } from './presenter.ts';
import { loadNotSpreading } from './spread/not-spreading.ts';
import { loadSpread } from './spread/spread.ts';
import { hasAcknowledged, insertAcknowledgement, listUnreadOf } from './spread/store.ts';
import * as store from './store.ts';
import { recordSuggestionOpened } from './suggestions/store.ts';

const HOME_LIST_MAX = 20;
// The search store marks matches with control characters: none may be stored, so none can be forged.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (text: string) => text.replace(CONTROL_CHARACTERS, '');

function contentOf(body: SaveLearningBody): store.LearningContentRow {
  const title = clean(body.title).trim();
  if (!title) throw new ValidationError('title must not be blank', [{ field: 'title', message: 'must not be blank' }]);
  return {
    title, summary: clean(body.summary).trim(), expected: clean(body.expected).trim(), cause: clean(body.cause).trim(),
    changes: clean(body.changes).trim(), detection: clean(body.detection).trim(), tags: body.tags.join(' '),
  };
}

const storedContent = ({ title, summary, expected, cause, changes, detection, tags }: store.LearningContentRow): store.LearningContentRow =>
  ({ title, summary, expected, cause, changes, detection, tags });

const sameContent = (a: store.LearningContentRow, b: store.LearningContentRow) =>
  (['title', 'tags', ...LEARNING_TEXT_FIELDS] as const).every((field) => a[field] === b[field]);

function validDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && dayOf(ms) === day;
}

async function followUpRows(db: Queryable, learningId: string, body: SaveLearningBody) {
  const inputs = body.followUps ?? [];
  const bad = inputs.flatMap((f, i) => [
    ...(f.text.trim() ? [] : [{ field: `followUps/${i}/text`, message: 'must not be blank' }]),
    ...(validDay(f.dueOn) ? [] : [{ field: `followUps/${i}/dueOn`, message: 'is not a day of the calendar' }]),
  ]);
  const unknown = new Set(await unknownUserIds(db, [...new Set(inputs.map((f) => f.ownerId))]));
  inputs.forEach((f, i) => {
    if (unknown.has(f.ownerId)) bad.push({ field: `followUps/${i}/ownerId`, message: 'is not a person in Andon' });
  });
  if (bad.length) throw new ValidationError('Some follow-up actions are not valid', bad);
  // A kept id must be one of this learning's: an id of another learning's follow-up is a new one here.
  const own = new Set((await store.listFollowUps(db, learningId)).map((f) => f.id));
  return inputs.map((f, position) => ({
    id: f.id !== undefined && own.has(f.id) ? f.id : timeOrderedUuid(), learningId, position, text: clean(f.text).trim(), ownerId: f.ownerId, dueOn: f.dueOn,
  }));
}

/** Anyone who joined the swarm writes its learning; an admin or an API token (a script) too. */
async function requireWriter(db: Queryable, by: Principal, problemId: string): Promise<void> {
  if (by.kind === 'token') return;
  if (by.kind !== 'user') throw new ForbiddenError('not_in_swarm', 'Only the swarm of this problem can write its learning');
  if (by.role === 'admin') return;
  if (!(await store.hasSwarmed(db, problemId, by.id))) throw new ForbiddenError('not_in_swarm', 'Only the swarm of this problem can write its learning');
}

const routingOf = (row: store.LearningWithArea): EventRouting => ({ problemId: row.problemId, problemNumber: row.problemNumber, areaSlug: row.areaSlug });
const publishedData = (row: store.LearningWithArea, content: store.LearningContentRow, revision: number): LearningPublishedData =>
  ({ id: row.id, problemNumber: row.problemNumber, area: row.areaSlug, title: content.title, revision });

function prefillFrom(problem: ProblemWithArea, entries: Awaited<ReturnType<typeof listTimelineEntries>>) {
  const bodies = (keep: (e: (typeof entries)[number]) => boolean) => entries.filter(keep).map((e) => e.body).join('\n\n');
  return {
    title: problem.title,
    summary: problem.details,
    cause: bodies((e) => e.kind === 'hypothesis' && e.verdict === 'confirmed'),
    changes: bodies((e) => e.kind === 'action'),
  };
}

export function createLearningService(db: Database, events: EventLog, clock: Clock) {
  async function present(q: Queryable, row: store.LearningWithArea, by: Principal): Promise<Learning> {
    return presentLearning(row, {
      followUps: await store.listFollowUps(q, row.id),
      recurrences: await store.countRecurrences(q, row.id),
      acknowledgedByMe: by.kind === 'user' && await hasAcknowledged(q, row.id, by.id),
      now: clock.now(),
    });
  }

  async function learningOf(q: Queryable, id: string, lock = false): Promise<store.LearningWithArea> {
    const row = lock ? await store.findLearningForUpdate(q, id) : await store.findLearning(q, id);
    if (!row) throw new NotFoundError(`Learning ${id}`);
    return row;
  }

  return {
    /** The problem's learning, if it has one yet, and what its capture form starts from. */
    async forProblem(by: Principal, number: number): Promise<ProblemLearning> {
      const problem = await findProblemByNumber(db, number);
      if (!problem) throw new NotFoundError(`Problem #${number}`);
      const row = await store.findLearningOfProblem(db, problem.id);
      return { learning: row ? await present(db, row, by) : null, prefill: prefillFrom(problem, await listTimelineEntries(db, problem.id)) };
    },

    /** Creates or updates the problem's learning. An edit after publishing is kept as a new revision. */
    async save(by: Principal, number: number, body: SaveLearningBody): Promise<Learning> {
      const content = contentOf(body);
      return db.transaction(async (tx) => {
        const problem = await findProblemForUpdate(tx, number);
        if (!problem) throw new NotFoundError(`Problem #${number}`);
        if (problem.status === 'dismissed') throw new ConflictError('problem_dismissed', 'A dismissed problem has nothing to learn from');
        await requireWriter(tx, by, problem.id);
        const now = clock.now();
        const existing = await store.findLearningOfProblem(tx, problem.id);
        let id: string;
        if (!existing) {
          id = timeOrderedUuid();
          await store.insertLearning(tx, {
            id, docId: await store.nextDocId(tx), problemId: problem.id, areaId: problem.areaId, state: 'draft', ...content,
            revision: 0, suggestionOpens: 0, createdAt: now, updatedAt: now, publishedAt: null,
          });
        } else {
          id = existing.id;
          const changed = !sameContent(existing, content);
          if (changed) {
            const revision = existing.state === 'published' ? existing.revision + 1 : existing.revision;
            await store.updateLearning(tx, id, content, { state: existing.state, revision, updatedAt: now, publishedAt: existing.publishedAt });
            if (existing.state === 'published') {
              await store.insertRevision(tx, { learningId: id, revision, ...content, editedByName: by.name, at: now });
              await events.record(tx, 'learning.edited', routingOf(existing), publishedData(existing, content, revision), now);
            }
          }
        }
        if (body.followUps !== undefined) await store.replaceFollowUps(tx, id, await followUpRows(tx, id, body));
        return present(tx, await learningOf(tx, id), by);
      });
    },

    /** Publishes a draft of a resolved problem: the problem becomes `learned`, through the one status path. */
    async publish(by: Principal, id: string): Promise<Learning> {
      return db.transaction(async (tx) => {
        const draft = await learningOf(tx, id);
        const problem = await findProblemForUpdate(tx, draft.problemNumber);
        if (!problem) throw new NotFoundError(`Problem #${draft.problemNumber}`);
        await requireWriter(tx, by, problem.id);
        if (draft.state === 'published') return present(tx, draft, by);
        if (problem.status !== 'resolved') {
          throw new ConflictError('problem_not_resolved', `Problem #${problem.number} is ${problem.status}: a learning is published once its problem is resolved`);
        }
        const missing = (['summary', 'cause'] as const).filter((field) => !draft[field]);
        if (missing.length) throw new ValidationError('Say what happened and why before publishing', missing.map((field) => ({ field, message: 'must not be empty to publish' })));
        const now = clock.now();
        const content = storedContent(draft);
        await store.updateLearning(tx, id, content, { state: 'published', revision: 1, updatedAt: now, publishedAt: now });
        await store.insertRevision(tx, { learningId: id, revision: 1, ...content, editedByName: by.name, at: now });
        await moveStatus(tx, events, problem, { to: 'learned', reason: null }, by, now);
        await events.recordProblem(tx, 'problem.updated', await loadLockedProblem(tx, problem.number), now);
        await events.record(tx, 'learning.published', routingOf(draft), publishedData(draft, content, 1), now);
        await recordLearningAlert(tx, events, routingOf(draft), { id, title: content.title, tags: tagsOf(content.tags), areaId: draft.areaId }, by, now);
        return present(tx, await learningOf(tx, id), by);
      });
    },

    async get(by: Principal, id: string): Promise<LearningDetail> {
      const row = await learningOf(db, id);
      return {
        learning: await present(db, row, by),
        spread: await loadSpread(db, row),
        revisions: (await store.listRevisions(db, id)).map(presentRevision),
        recurrences: (await store.listRecurrences(db, id)).map((r) => ({ number: r.number, title: r.title, at: new Date(r.at).toISOString() })),
      };
    },

    /** Deleting takes it out of search at once (admins only). The problem keeps its status. */
    async remove(id: string): Promise<void> {
      await db.transaction(async (tx) => {
        await learningOf(tx, id, true);
        await store.deleteLearning(tx, id);
      });
    },

    /** "Read and understood", by a person; twice keeps the first time. */
    async acknowledge(by: Principal, id: string): Promise<LearningDetail> {
      if (by.kind !== 'user') throw new ForbiddenError('user_only', 'Only a signed-in person can acknowledge a learning');
      await db.transaction(async (tx) => {
        const row = await learningOf(tx, id);
        if (row.state !== 'published') throw new ConflictError('not_published', 'Only a published learning can be acknowledged');
        await insertAcknowledgement(tx, id, by.id, clock.now());
      });
      return this.get(by, id);
    },

    /** Counted on the learning; for a person, also as their opening of that day's suggestion (the flow measures). */
    async openedFromSuggestion(by: Principal, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await store.incrementSuggestionOpens(tx, id))) throw new NotFoundError(`Published learning ${id}`);
        if (by.kind === 'user') await recordSuggestionOpened(tx, id, by.id, clock.now());
      });
    },

    /** "This happened before": links a problem to an earlier, published learning. */
    async linkRecurrence(by: Principal, number: number, learningId: string): Promise<LearningDetail> {
      await db.transaction(async (tx: Tx) => {
        const problem = await findProblemByNumber(tx, number);
        if (!problem) throw new NotFoundError(`Problem #${number}`);
        const learning = await store.findLearning(tx, learningId);
        if (learning?.state !== 'published') {
          throw new ValidationError('learningId must name a published learning', [{ field: 'learningId', message: 'is not a published learning' }]);
        }
        if (learning.problemId === problem.id) throw new ValidationError('A problem cannot recur of its own learning', [{ field: 'learningId', message: "is this problem's own learning" }]);
        await store.insertRecurrence(tx, { learningId, problemId: problem.id, linkedByName: by.name, at: clock.now() });
      });
      return this.get(by, learningId);
    },

    /** Its owner, or whoever may write the learning, ticks a follow-up off (or back on). */
    async setFollowUpDone(by: Principal, id: string, followUpId: string, body: FollowUpDoneBody): Promise<Learning> {
      return db.transaction(async (tx) => {
        const row = await learningOf(tx, id, true);
        const followUp = await store.findFollowUp(tx, id, followUpId);
        if (!followUp) throw new NotFoundError(`Follow-up ${followUpId}`);
        if (by.kind !== 'user' || by.id !== followUp.ownerId) await requireWriter(tx, by, row.problemId);
        if ((followUp.doneAt !== null) !== body.done) await store.setFollowUpDone(tx, followUpId, body.done ? clock.now() : null);
        return present(tx, row, by);
      });
    },

    async mine(by: Principal): Promise<MyLearnings> {
      if (by.kind !== 'user') return { followUps: [], unread: [] };
      const now = clock.now();
      const followUps = await store.listOpenFollowUpsOf(db, by.id, HOME_LIST_MAX);
      const unread = await listUnreadOf(db, by.id, HOME_LIST_MAX);
      return {
        followUps: followUps.map((f) => ({ ...presentFollowUp(f, now), learningId: f.learningId, learningTitle: f.learningTitle })),
        unread: unread.map((u) => ({ id: u.id, problemNumber: u.problemNumber, title: u.title, area: u.areaSlug })),
      };
    },

    notSpreading: (by: Principal) => loadNotSpreading(db, by),

    async overdueFollowUps(): Promise<{ count: number }> {
      return { count: await store.countOverdueFollowUps(db, dayOf(clock.now())) };
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
