import { Type, type Static } from 'typebox';
import { ActorKind } from './accounts.ts';
import { DETAILS_MAX } from './limits.ts';
import { literalUnion } from './literal-union.ts';

/** What people write on a problem's timeline, each with its own look. */
export const ENTRY_KINDS = ['observation', 'hypothesis', 'experiment', 'result', 'action', 'note'] as const;
/** What the timeline records by itself. */
export const SYSTEM_ENTRY_KINDS = ['joined', 'left', 'lead', 'escalated', 'alerted', 'status'] as const;
export const TIMELINE_KINDS = [...ENTRY_KINDS, ...SYSTEM_ENTRY_KINDS] as const;
export const EntryKind = literalUnion(ENTRY_KINDS);
export type EntryKind = Static<typeof EntryKind>;
export const TimelineKind = literalUnion(TIMELINE_KINDS);
export type TimelineKind = Static<typeof TimelineKind>;

export const VERDICTS = ['confirmed', 'refuted'] as const;
export const Verdict = literalUnion(VERDICTS);
export type Verdict = Static<typeof Verdict>;

export const ENTRY_BODY_MAX = DETAILS_MAX;

export const TimelineEntry = Type.Object(
  {
    id: Type.String(),
    problemNumber: Type.Integer(),
    kind: TimelineKind,
    /** Markdown for people's entries; a short plain sentence for the timeline's own. */
    body: Type.String(),
    author: Type.Union([Type.Object({ kind: ActorKind, id: Type.String(), name: Type.String() }), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
    editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    /** On a hypothesis: what the swarm concluded, and the entry (a result) that showed it. */
    verdict: Type.Union([Verdict, Type.Null()]),
    evidenceId: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'TimelineEntry' },
);
export type TimelineEntry = Static<typeof TimelineEntry>;
