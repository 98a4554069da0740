import type { Problem } from '../../../shared/problems.ts';

/** A problem as the API answers it, for tests: a raised Help pull in General unless `patch` says otherwise. */
export function aProblem(number: number, patch: Partial<Problem> = {}): Problem {
  return {
    id: `p${number}`,
    number,
    title: `Problem ${number}`,
    details: '',
    area: 'general',
    level: 'help',
    status: 'raised',
    raisedBy: { kind: 'user', id: 'u1', name: 'Ada' },
    raisedAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    history: [],
    swarm: [],
    lead: null,
    firstRespondedAt: null,
    escalation: { step: 0, round: 0, escalated: false, escalatedAt: null, nextAt: '2025-01-01T10:05:00.000Z', responseDueAt: '2025-01-01T10:05:00.000Z' },
    dedupKey: null,
    recurrenceOf: null,
    firingAlerts: null,
    ...patch,
  };
}
