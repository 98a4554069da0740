// The /api/live websocket protocol, both directions. Bump LIVE_PROTOCOL on any breaking change.
import { Type, type Static } from 'typebox';
import { AreaSlug } from './areas.ts';
import { Problem } from './problems.ts';

export const LIVE_PROTOCOL = 1;
export const LIVE_MAX_FRAME_BYTES = 64 * 1024;

export const EVENT_NAMES = ['problem.raised', 'problem.updated'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const LiveEvent = Type.Object({
  type: Type.Literal('event'),
  seq: Type.Integer({ minimum: 1 }),
  name: Type.Union([Type.Literal('problem.raised'), Type.Literal('problem.updated')]),
  at: Type.String({ format: 'date-time' }),
  data: Problem,
});
export type LiveEvent = Static<typeof LiveEvent>;

/** Server → client. */
export type ServerMessage =
  | { type: 'welcome'; protocol: number; seq: number }
  | LiveEvent
  | { type: 'reset'; seq: number; reason: 'cursor_too_old' | 'cursor_ahead' }
  | { type: 'subscribed'; areas: string[] | null; problem: number | null }
  | { type: 'pong'; nonce?: string };

/** Client → server. */
export const ClientMessage = Type.Union([
  Type.Object(
    {
      type: Type.Literal('hello'),
      protocol: Type.Literal(LIVE_PROTOCOL),
      since: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('subscribe'),
      // Omit both to follow everything again.
      areas: Type.Optional(Type.Array(AreaSlug, { maxItems: 500 })),
      problem: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('ping'), nonce: Type.Optional(Type.String({ maxLength: 100 })) },
    { additionalProperties: false },
  ),
]);
export type ClientMessage = Static<typeof ClientMessage>;
