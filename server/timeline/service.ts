import { ENTRY_KINDS, type AddEntryBody, type EditEntryBody, type EntryRevisionList, type TimelineEntry, type TimelineList } from '../../shared/timeline.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog, EventRouting } from '../events/event-log.ts';
import { findProblemByNumber, findProblemForUpdate, type ProblemWithArea } from '../problems/store.ts';
import { presentTimelineEntry } from './presenter.ts';
import * as store from './store.ts';
import { addTimelineEntry } from './system-entries.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const routingOf = (row: ProblemWithArea): EventRouting => ({ problemId: row.id, problemNumber: row.number, areaSlug: row.areaSlug });

function requireBody(raw: string): string {
  const body = raw.trim();
  if (!body) throw new ValidationError('body must not be blank', [{ field: 'body', message: 'must not be blank' }]);
  return body;
}

async function problemOf(db: Queryable, number: number): Promise<ProblemWithArea> {
  const row = await findProblemByNumber(db, number);
  if (!row) throw new NotFoundError(`Problem #${number}`);
  return row;
}

async function entryOf(db: Queryable, problem: ProblemWithArea, id: string): Promise<store.TimelineEntryRow> {
  const entry = await store.findTimelineEntry(db, problem.id, id);
  if (!entry) throw new NotFoundError(`Timeline entry ${id} of #${problem.number}`);
  return entry;
}

export function createTimelineService(db: Database, events: EventLog, clock: Clock) {
  return {
    async list(number: number): Promise<TimelineList> {
      const problem = await problemOf(db, number);
      const rows = await store.listTimelineEntries(db, problem.id);
      return { items: rows.map((row) => presentTimelineEntry(row, number)) };
    },

    async add(by: Principal, number: number, input: AddEntryBody): Promise<TimelineEntry> {
      const body = requireBody(input.body);
      return db.transaction(async (tx) => {
        const problem = await problemOf(tx, number);
        return addTimelineEntry(tx, events, routingOf(problem), { kind: input.kind, body, by, at: clock.now() });
      });
    },

    /** A new body (the author only; the old one is kept as a revision), or a verdict on a hypothesis. */
    async edit(by: Principal, number: number, id: string, input: EditEntryBody): Promise<TimelineEntry> {
      const newBody = 'body' in input ? requireBody(input.body) : null;
      return db.transaction(async (tx) => {
        // Locked so two edits of one entry take turns and each old body becomes a revision.
        const problem = await findProblemForUpdate(tx, number);
        if (!problem) throw new NotFoundError(`Problem #${number}`);
        const entry = await entryOf(tx, problem, id);
        const now = clock.now();
        if (newBody !== null) {
          if (!(ENTRY_KINDS as readonly string[]).includes(entry.kind)) {
            throw new ForbiddenError('system_entry', 'The timeline writes this entry itself; it cannot be edited');
          }
          if (entry.authorKind !== by.kind || entry.authorId !== by.id) throw new ForbiddenError('not_the_author', 'Only the author can edit an entry');
          if (newBody === entry.body) return presentTimelineEntry(entry, number);
          await store.insertRevision(tx, { entryId: entry.id, body: entry.body, writtenAt: entry.editedAt ?? entry.createdAt, replacedAt: now });
          await store.updateTimelineBody(tx, entry.id, newBody, now);
        } else if ('verdict' in input) {
          if (entry.kind !== 'hypothesis') {
            throw new ValidationError('Only a hypothesis can be confirmed or refuted', [{ field: 'verdict', message: `entry is a ${entry.kind}, not a hypothesis` }]);
          }
          const evidence = await store.findTimelineEntry(tx, problem.id, input.evidence);
          if (!evidence || evidence.kind !== 'result') {
            throw new ValidationError('evidence must be a result on the same problem', [{ field: 'evidence', message: 'is not a result entry of this problem' }]);
          }
          await store.setVerdict(tx, entry.id, input.verdict, evidence.id);
        }
        const edited = await store.findTimelineEntry(tx, problem.id, id);
        if (!edited) throw new Error(`timeline entry ${id} is missing inside the transaction that edited it`);
        const presented = presentTimelineEntry(edited, number);
        await events.record(tx, 'timeline.edited', routingOf(problem), presented, now);
        return presented;
      });
    },

    async revisions(number: number, id: string): Promise<EntryRevisionList> {
      const problem = await problemOf(db, number);
      const entry = await entryOf(db, problem, id);
      const rows = await store.listRevisions(db, entry.id);
      return { items: rows.map((r) => ({ body: r.body, writtenAt: iso(r.writtenAt), replacedAt: iso(r.replacedAt) })) };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
