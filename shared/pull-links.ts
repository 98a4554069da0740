import { Type, type Static } from 'typebox';
import { NAME_MAX, TITLE_MAX } from './limits.ts';
import { Level } from './problems.ts';
import { PULL_LINK_LABEL_MAX } from './values/pull-links.ts';
export * from './values/pull-links.ts';

/** Letters and digits that cannot be mistaken for one another when typed from a printed card. */
export const PULL_LINK_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** 24 characters of 31: about 119 bits, so a code cannot be guessed. */
export const PULL_LINK_CODE_LENGTH = 24;
/** Where a pull link opens the kiosk page: `/k/<code>`. */
export const PULL_LINK_PATH = '/k/';

export const PullLink = Type.Object({
  id: Type.String(),
  area: Type.String({ description: "The area's slug" }),
  areaName: Type.String(),
  label: Type.String({ description: 'Where the link is used, e.g. "Line 3 tablet"; may be empty' }),
  code: Type.String(),
  url: Type.String({ description: 'The address to open or to put in the QR code' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastPulledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Set once the link is turned off' }),
});
export type PullLink = Static<typeof PullLink>;

export const PullLinkList = Type.Object({ items: Type.Array(PullLink) });
export type PullLinkList = Static<typeof PullLinkList>;

export const CreatePullLinkBody = Type.Object(
  { label: Type.Optional(Type.String({ maxLength: PULL_LINK_LABEL_MAX })) },
  { additionalProperties: false },
);
export type CreatePullLinkBody = Static<typeof CreatePullLinkBody>;

export const PullLinkParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const KioskParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

/** What the kiosk page needs to know about its link: where pulls land. */
export const Kiosk = Type.Object({
  area: Type.String({ description: "The area's slug" }),
  areaName: Type.String(),
  label: Type.String(),
});
export type Kiosk = Static<typeof Kiosk>;

export const KioskPullBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: TITLE_MAX, description: 'What did you see? Optional, so a pull is two touches (open the link, press Stop): without one, the title says the level and the link' })),
    level: Type.Optional(Level),
    name: Type.Optional(Type.String({ maxLength: NAME_MAX, description: 'Who pulled, if they want to say' })),
  },
  { additionalProperties: false },
);
export type KioskPullBody = Static<typeof KioskPullBody>;

/** The acknowledgement a kiosk shows; nothing more of the problem is told to someone without an account. */
export const KioskPull = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  level: Level,
  areaName: Type.String(),
  raisedAt: Type.String({ format: 'date-time' }),
});
export type KioskPull = Static<typeof KioskPull>;
