// The History page: closed problems, searchable, with filters a link can carry.
import { Type, type Static } from 'typebox';
import { AreaSlug } from './areas.ts';
import { PAGE_LIMIT_MAX, TITLE_MAX } from './limits.ts';
import { Level, Status } from './problems.ts';

export const CLOSED_STATUSES = ['resolved', 'learned', 'dismissed'] as const;

export const HistoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: TITLE_MAX, description: 'Words the title contains (taken literally: % and _ are not wildcards)' })),
    area: Type.Optional(AreaSlug),
    from: Type.Optional(Type.String({ format: 'date', description: 'Raised on or after this day (UTC)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Raised on or before this day (UTC)' })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}\\.[0-9]{1,15}$', description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryItem = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  area: AreaSlug,
  areaName: Type.String(),
  level: Level,
  status: Status,
  raisedAt: Type.String({ format: 'date-time' }),
  /** When it last changed: for a closed problem, about when it was closed. */
  updatedAt: Type.String({ format: 'date-time' }),
});
export type HistoryItem = Static<typeof HistoryItem>;

export const HistoryPage = Type.Object({
  items: Type.Array(HistoryItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type HistoryPage = Static<typeof HistoryPage>;
