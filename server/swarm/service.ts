import { PRESENCE_WINDOW_MS, type Presence, type Problem } from '../../shared/problems.ts';
import { isOpenStatus } from '../../shared/status-lifecycle.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Clock } from '../clock.ts';
import type { Database, Tx } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog, EventRouting } from '../events/event-log.ts';
import { loadLockedProblem } from '../problems/load-problem.ts';
import { moveStatus } from '../problems/status-change.ts';
import * as problemStore from '../problems/store.ts';
import { addTimelineEntry } from '../timeline/system-entries.ts';
import * as store from './store.ts';

type Person = Extract<Principal, { kind: 'user' }>;

/** A swarm is people: an API token can pull, but it cannot join, lead or be present. */
function requirePerson(by: Principal): Person {
  if (by.kind !== 'user') throw new ForbiddenError('people_only', 'Only a signed-in person can do this, not an API token');
  return by;
}

const routingOf = (row: problemStore.ProblemWithArea): EventRouting =>
  ({ problemId: row.id, problemNumber: row.number, areaSlug: row.areaSlug });

export function createSwarmService(db: Database, events: EventLog, clock: Clock) {
  async function lockProblem(tx: Tx, number: number) {
    const row = await problemStore.findProblemForUpdate(tx, number);
    if (!row) throw new NotFoundError(`Problem #${number}`);
    return row;
  }

  async function announce(tx: Tx, number: number, at: number): Promise<Problem> {
    const problem = await loadLockedProblem(tx, number);
    await events.recordProblem(tx, 'problem.updated', problem, at);
    return problem;
  }

  return {
    /** Joining twice answers the same swarm: a double click is not an error and adds nobody. */
    async join(by: Principal, number: number): Promise<Problem> {
      const person = requirePerson(by);
      return db.transaction(async (tx) => {
        const row = await lockProblem(tx, number);
        const now = clock.now();
        if (!isOpenStatus(row.status)) {
          const already = (await store.listSwarmMembers(tx, [row.id])).some((m) => m.userId === person.id);
          if (!already) throw new ConflictError('problem_closed', `Problem #${number} is ${row.status}; reopen it to swarm on it`);
        }
        const added = await store.insertSwarmMember(tx, { problemId: row.id, userId: person.id, userName: person.name, joinedAt: now });
        if (!added) return loadLockedProblem(tx, number);
        const routing = routingOf(row);
        await addTimelineEntry(tx, events, routing, { kind: 'joined', body: `${person.name} joined the swarm`, by: person, at: now });
        if (row.leadUserId === null) {
          await store.setSwarmLead(tx, row.id, person.id, now);
          await addTimelineEntry(tx, events, routing, { kind: 'lead', body: `${person.name} leads the swarm`, by: person, at: now });
        }
        await store.setFirstResponded(tx, row.id, now);
        if (row.status === 'raised') await moveStatus(tx, events, row, { to: 'swarming', reason: null }, person, now);
        else await problemStore.touchProblem(tx, row.id, now);
        return announce(tx, number, now);
      });
    },

    /** Leaving when not in the swarm answers the problem unchanged. A leaving lead hands over to who joined next. */
    async leave(by: Principal, number: number): Promise<Problem> {
      const person = requirePerson(by);
      return db.transaction(async (tx) => {
        const row = await lockProblem(tx, number);
        if (!(await store.deleteSwarmMember(tx, row.id, person.id))) return loadLockedProblem(tx, number);
        const now = clock.now();
        const routing = routingOf(row);
        await addTimelineEntry(tx, events, routing, { kind: 'left', body: `${person.name} left the swarm`, by: person, at: now });
        if (row.leadUserId === person.id) {
          const next = (await store.listSwarmMembers(tx, [row.id])).at(0);
          await store.setSwarmLead(tx, row.id, next?.userId ?? null, now);
          if (next) await addTimelineEntry(tx, events, routing, { kind: 'lead', body: `${next.userName} leads the swarm`, by: person, at: now });
        } else {
          await problemStore.touchProblem(tx, row.id, now);
        }
        return announce(tx, number, now);
      });
    },

    /** Anyone in the swarm can take the lead; only the lead can hand it to somebody else. */
    async setLead(by: Principal, number: number, userId: string): Promise<Problem> {
      const person = requirePerson(by);
      return db.transaction(async (tx) => {
        const row = await lockProblem(tx, number);
        const swarm = await store.listSwarmMembers(tx, [row.id]);
        const next = swarm.find((m) => m.userId === userId);
        if (!next) throw new ValidationError('The lead must be in the swarm', [{ field: 'userId', message: 'is not in the swarm' }]);
        if (!swarm.some((m) => m.userId === person.id)) throw new ForbiddenError('not_in_swarm', 'Join the swarm to take or hand over the lead');
        if (row.leadUserId === userId) return loadLockedProblem(tx, number);
        if (userId !== person.id && row.leadUserId !== null && row.leadUserId !== person.id) {
          throw new ForbiddenError('not_the_lead', 'Only the lead can hand the lead to somebody else');
        }
        const now = clock.now();
        await store.setSwarmLead(tx, row.id, userId, now);
        const body = userId === person.id ? `${next.userName} took the lead` : `${person.name} handed the lead to ${next.userName}`;
        await addTimelineEntry(tx, events, routingOf(row), { kind: 'lead', body, by: person, at: now });
        return announce(tx, number, now);
      });
    },

    /**
     * The problem page's heartbeat. Only an arrival (not seen within the window) is an event: the
     * others drop somebody by themselves once their `seenAt` is older than the window, so a quiet
     * heartbeat costs one row write and nothing on the stream.
     */
    async heartbeat(by: Principal, number: number): Promise<Presence> {
      const person = requirePerson(by);
      return db.transaction(async (tx) => {
        const row = await problemStore.findProblemByNumber(tx, number);
        if (!row) throw new NotFoundError(`Problem #${number}`);
        const now = clock.now();
        const before = await store.findPresence(tx, row.id, person.id);
        await store.upsertPresence(tx, { problemId: row.id, userId: person.id, userName: person.name, seenAt: now });
        const people = await store.listPresence(tx, row.id, now - PRESENCE_WINDOW_MS);
        const presence: Presence = {
          problemNumber: number,
          people: people.map((p) => ({ id: p.userId, name: p.userName, seenAt: new Date(p.seenAt).toISOString() })),
        };
        if (!before || before.seenAt < now - PRESENCE_WINDOW_MS) await events.record(tx, 'presence.changed', routingOf(row), presence, now);
        return presence;
      });
    },
  };
}

export type SwarmService = ReturnType<typeof createSwarmService>;
