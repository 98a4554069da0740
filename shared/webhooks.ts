import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union.ts';
import { WEBHOOK_FORMATS, WEBHOOK_URL_MAX } from './values/webhooks.ts';
export * from './values/webhooks.ts';

export const WebhookFormat = literalUnion(WEBHOOK_FORMATS, {
  description: 'slack: Block Kit. mattermost: text + attachments (also Rocket.Chat). teams: a Workflows Adaptive Card. json: every event, signed per Standard Webhooks.',
});
export type WebhookFormat = Static<typeof WebhookFormat>;

/** pending: will be (re)tried at nextAttemptAt. delivered: a 2xx, never sent again. failed: given up (or the webhook answered 410). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryStatus = literalUnion(DELIVERY_STATUSES);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

/** Consecutive failed attempts after which Settings flags a webhook as failing. */
export const WEBHOOK_FAILING_AFTER = 3;

export const Webhook = Type.Object({
  id: Type.String(),
  area: Type.String({ description: "The area's slug" }),
  format: WebhookFormat,
  url: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Set when the receiver answered 410 Gone' }),
  consecutiveFailures: Type.Integer(),
  failing: Type.Boolean({ description: `Disabled, or the last ${WEBHOOK_FAILING_AFTER} attempts or more failed` }),
});
export type Webhook = Static<typeof Webhook>;

export const CreatedWebhook = Type.Intersect([
  Webhook,
  Type.Object({ secret: Type.String({ description: 'whsec_…: answered this once only; verify signatures with it' }) }),
]);
export type CreatedWebhook = Static<typeof CreatedWebhook>;

export const WebhookList = Type.Object({ items: Type.Array(Webhook) });
export type WebhookList = Static<typeof WebhookList>;

export const CreateWebhookBody = Type.Object(
  {
    format: WebhookFormat,
    url: Type.String({ minLength: 1, maxLength: WEBHOOK_URL_MAX, description: 'An http(s) URL on a public address' }),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const WebhookParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const DeliveryParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), deliveryId: Type.String({ minLength: 1, maxLength: 64 }) });

export const Delivery = Type.Object({
  id: Type.String({ description: 'Also the webhook-id header: the same on every retry' }),
  event: Type.String(),
  eventSeq: Type.Integer(),
  problemNumber: Type.Union([Type.Integer(), Type.Null()]),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  responseCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryList = Type.Object({ items: Type.Array(Delivery) });
export type DeliveryList = Static<typeof DeliveryList>;
