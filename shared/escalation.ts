import { Type, type Static } from 'typebox';
import { ESCALATION_REPEAT_MAX, ESCALATION_STEPS_MAX, ESCALATION_WAIT_MAX_MINUTES, PEOPLE_PER_LIST_MAX } from './values/escalation.ts';
export * from './values/escalation.ts';

const UserIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: PEOPLE_PER_LIST_MAX, uniqueItems: true });
const WaitMinutes = Type.Integer({ minimum: 1, maximum: ESCALATION_WAIT_MAX_MINUTES, description: 'How long this step is given before the next' });
const Repeat = Type.Integer({ minimum: 0, maximum: ESCALATION_REPEAT_MAX, description: 'How many times the whole path runs again after its last step' });

export const Person = Type.Object({ id: Type.String(), name: Type.String() });
export type Person = Static<typeof Person>;

export const PutRespondersBody = Type.Object({ userIds: UserIds }, { additionalProperties: false });
export type PutRespondersBody = Static<typeof PutRespondersBody>;

export const PutEscalationBody = Type.Object(
  {
    steps: Type.Array(Type.Object({ userIds: UserIds, waitMinutes: WaitMinutes }, { additionalProperties: false }), { maxItems: ESCALATION_STEPS_MAX }),
    repeat: Repeat,
  },
  { additionalProperties: false },
);
export type PutEscalationBody = Static<typeof PutEscalationBody>;

/** An area's path as GET answers it: the people by name, so a bot or the editor can show them. */
export const EscalationPath = Type.Object({
  steps: Type.Array(Type.Object({ users: Type.Array(Person), waitMinutes: Type.Integer() })),
  repeat: Type.Integer(),
});
export type EscalationPath = Static<typeof EscalationPath>;

/** Where a problem's countdown and escalation stand. */
export const ProblemEscalation = Type.Object({
  step: Type.Integer({ description: '0 while the responders have not been escalated past; else the 1-based step of the path reached' }),
  round: Type.Integer({ description: '0 on the first pass through the path, 1… on each repeat' }),
  escalated: Type.Boolean(),
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  nextAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the next escalation is due; null once nobody is left to escalate to, or when someone joined',
  }),
  responseDueAt: Type.String({ format: 'date-time', description: 'The response target (halved for Stop) from the pull' }),
});
export type ProblemEscalation = Static<typeof ProblemEscalation>;
