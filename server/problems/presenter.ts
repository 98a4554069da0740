import type { Problem, StatusChange } from '../../shared/problems.ts';
import type { SwarmMemberRow } from '../swarm/store.ts';
import type { ProblemWithArea, StatusChangeRow } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentStatusChange(row: StatusChangeRow): StatusChange {
  return {
    from: row.fromStatus ?? null,
    to: row.toStatus,
    reason: row.reason ?? null,
    by: { kind: row.byKind, id: row.byId, name: row.byName },
    at: iso(row.at),
  };
}

export function presentProblem(row: ProblemWithArea, history: StatusChangeRow[], swarm: SwarmMemberRow[]): Problem {
  const lead = swarm.find((member) => member.userId === row.leadUserId);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    details: row.details,
    area: row.areaSlug,
    level: row.level,
    status: row.status,
    raisedBy: { kind: row.raisedByKind, id: row.raisedById, name: row.raisedByName },
    raisedAt: iso(row.raisedAt),
    updatedAt: iso(row.updatedAt),
    history: history.map(presentStatusChange),
    swarm: swarm.map((member) => ({ id: member.userId, name: member.userName, joinedAt: iso(member.joinedAt) })),
    lead: lead ? { id: lead.userId, name: lead.userName } : null,
    firstRespondedAt: row.firstRespondedAt === null ? null : iso(row.firstRespondedAt),
  };
}
