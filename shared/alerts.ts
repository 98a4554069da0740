import { Type, type Static } from 'typebox';
import { AreaSlug } from './areas.ts';
import { Tag } from './learnings.ts';
import { literalUnion } from './literal-union.ts';
import { Level } from './problems.ts';
import { ALERT_REASONS, FOLLOWED_AREAS_MAX, FOLLOWED_TAGS_MAX } from './values/alerts.ts';
export * from './values/alerts.ts';

export const AlertPreferences = Type.Object({
  areas: Type.Array(Type.String(), { description: "Slugs of the areas whose pulls alert this person besides the ones they respond to" }),
  tags: Type.Array(Type.String(), { description: 'Tags whose published learnings this person is told of in the app' }),
  banner: Type.Boolean(),
  sound: Type.Boolean(),
  notification: Type.Boolean({ description: 'A browser notification, when the browser allows it' }),
});
export type AlertPreferences = Static<typeof AlertPreferences>;

export const PutAlertPreferencesBody = Type.Object(
  {
    areas: Type.Array(AreaSlug, { maxItems: FOLLOWED_AREAS_MAX, uniqueItems: true }),
    /** Omitted: the followed tags stay as they are. A tag need not be on any learning yet. */
    tags: Type.Optional(Type.Array(Tag, { maxItems: FOLLOWED_TAGS_MAX, uniqueItems: true, description: 'Tags to follow; omit to keep the ones followed now' })),
    banner: Type.Boolean(),
    sound: Type.Boolean(),
    notification: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PutAlertPreferencesBody = Static<typeof PutAlertPreferencesBody>;

/** The data of a `problem.alerted` event: what the banner says, and whom it is for. */
export const ProblemAlert = Type.Object({
  problemNumber: Type.Integer(),
  title: Type.String(),
  area: Type.String({ description: "The area's slug" }),
  areaName: Type.String(),
  level: Level,
  pulledBy: Type.String(),
  reason: literalUnion(ALERT_REASONS),
  /** The escalation step reached, when the reason is an escalation. */
  step: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  userIds: Type.Array(Type.String(), { description: 'The people this alert concerns' }),
});
export type ProblemAlert = Static<typeof ProblemAlert>;
