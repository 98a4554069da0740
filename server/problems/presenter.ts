import type { Problem, StatusChange } from '../../shared/problems.ts';
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

export function presentProblem(row: ProblemWithArea, history: StatusChangeRow[]): Problem {
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
  };
}
