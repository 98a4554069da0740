import { Type, type Static } from 'typebox';
import { ActorKind } from './accounts.ts';
import { literalUnion } from './literal-union.ts';
import { ENTRY_BODY_MAX, ENTRY_KINDS, TIMELINE_KINDS } from './values/timeline.ts';
export * from './values/timeline.ts';

export const EntryKind = literalUnion(ENTRY_KINDS);
export type EntryKind = Static<typeof EntryKind>;
export const TimelineKind = literalUnion(TIMELINE_KINDS);
export type TimelineKind = Static<typeof TimelineKind>;

export const VERDICTS = ['confirmed', 'refuted'] as const;
export const Verdict = literalUnion(VERDICTS);
export type Verdict = Static<typeof Verdict>;

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

export const AddEntryBody = Type.Object(
  {
    kind: EntryKind,
    body: Type.String({ minLength: 1, maxLength: ENTRY_BODY_MAX, description: `Markdown, 1–${ENTRY_BODY_MAX} characters` }),
  },
  { additionalProperties: false },
);
export type AddEntryBody = Static<typeof AddEntryBody>;

/** Either a new body (by its author), or a verdict on a hypothesis with the result that showed it. */
export const EditEntryBody = Type.Union([
  Type.Object({ body: Type.String({ minLength: 1, maxLength: ENTRY_BODY_MAX }) }, { additionalProperties: false }),
  Type.Object(
    { verdict: Verdict, evidence: Type.String({ minLength: 1, maxLength: 100, description: 'The id of a result entry on the same problem' }) },
    { additionalProperties: false },
  ),
]);
export type EditEntryBody = Static<typeof EditEntryBody>;

export const EntryParams = Type.Object({ number: Type.Integer({ minimum: 1 }), id: Type.String({ minLength: 1, maxLength: 100 }) });

export const TimelineList = Type.Object({ items: Type.Array(TimelineEntry) });
export type TimelineList = Static<typeof TimelineList>;

export const EntryRevision = Type.Object({
  body: Type.String(),
  writtenAt: Type.String({ format: 'date-time' }),
  replacedAt: Type.String({ format: 'date-time' }),
});
export const EntryRevisionList = Type.Object({ items: Type.Array(EntryRevision, { description: 'Earlier versions, oldest first' }) });
export type EntryRevisionList = Static<typeof EntryRevisionList>;
