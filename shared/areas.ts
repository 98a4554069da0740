import { Type, type Static } from 'typebox';
import { EscalationPath, Person } from './escalation.ts';
import { DESCRIPTION_MAX, NAME_MAX, RESPONSE_TARGET_MAX_MINUTES, SLUG_MAX, SLUG_PATTERN } from './limits.ts';

export const AreaSlug = Type.String({ minLength: 1, maxLength: SLUG_MAX, pattern: SLUG_PATTERN });

const ResponseTargetMinutes = Type.Integer({ minimum: 1, maximum: RESPONSE_TARGET_MAX_MINUTES });

export const Area = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  responseTargetMinutes: Type.Integer(),
  archived: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  responders: Type.Array(Person, { description: 'Alerted at once when a problem is raised here' }),
  escalation: EscalationPath,
});
export type Area = Static<typeof Area>;

export const AreaList = Type.Object({ items: Type.Array(Area) });
export type AreaList = Static<typeof AreaList>;

export const CreateAreaBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: NAME_MAX }),
    slug: Type.Optional(AreaSlug),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
    responseTargetMinutes: Type.Optional(ResponseTargetMinutes),
  },
  { additionalProperties: false },
);
export type CreateAreaBody = Static<typeof CreateAreaBody>;

export const UpdateAreaBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX })),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
    responseTargetMinutes: Type.Optional(ResponseTargetMinutes),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAreaBody = Static<typeof UpdateAreaBody>;

export const AreaParams = Type.Object({ slug: AreaSlug });
