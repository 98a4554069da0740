import type { ProblemEscalation } from '../../shared/escalation.ts';
import type { Problem, StatusChange } from '../../shared/problems.ts';
import type { EscalationRow } from '../escalation/store.ts';
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

/**
 * Escalation stops when someone joins (the problem leaves `raised`), so no next time is shown then,
 * even though the pending job only finds that out when it runs. A problem raised before escalation
 * existed has no row: it says it was due when raised and that nothing more will happen.
 */
export function presentEscalation(row: ProblemWithArea, escalation: EscalationRow | undefined): ProblemEscalation {
  const state = escalation ?? { responseDueAt: row.raisedAt, step: 0, round: 0, escalatedAt: null, nextAt: null };
  return {
    step: state.step,
    round: state.round,
    escalated: state.escalatedAt !== null,
    escalatedAt: state.escalatedAt === null ? null : iso(state.escalatedAt),
    nextAt: state.nextAt === null || row.status !== 'raised' ? null : iso(state.nextAt),
    responseDueAt: iso(state.responseDueAt),
  };
}

export function presentProblem(
  row: ProblemWithArea,
  history: StatusChangeRow[],
  swarm: SwarmMemberRow[],
  escalation: EscalationRow | undefined,
): Problem {
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
    escalation: presentEscalation(row, escalation),
    dedupKey: row.dedupKey,
    recurrenceOf: row.recurrenceOfNumber,
    firingAlerts: row.firingAlerts,
  };
}
