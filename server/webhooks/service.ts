import { randomBytes, randomUUID } from 'node:crypto';
import { WEBHOOK_FAILING_AFTER, type CreatedWebhook, type CreateWebhookBody, type Delivery, type Webhook } from '../../shared/webhooks.ts';
import { findAreaBySlug } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { newestEventSeq } from '../events/store.ts';
import { RefusedAddressError, vetWebhookUrl, type Resolver } from './address-guard.ts';
import { registerOutboxCursor } from './outbox.ts';
import * as store from './store.ts';

const DELIVERIES_SHOWN = 50;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentWebhook(row: store.WebhookWithArea): Webhook {
  return {
    id: row.id,
    area: row.areaSlug,
    format: row.format,
    url: row.url,
    createdAt: new Date(row.createdAt).toISOString(),
    disabledAt: iso(row.disabledAt),
    consecutiveFailures: row.consecutiveFailures,
    failing: row.disabledAt !== null || row.consecutiveFailures >= WEBHOOK_FAILING_AFTER,
  };
}

export function presentDelivery(row: store.DeliveryRow): Delivery {
  return {
    id: row.id,
    event: row.eventName,
    eventSeq: row.eventSeq,
    problemNumber: row.problemNumber,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.responseCode,
    error: row.error,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    createdAt: new Date(row.createdAt).toISOString(),
    deliveredAt: iso(row.deliveredAt),
  };
}

/** A Standard Webhooks secret: whsec_ and 32 random bytes in base64. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function createWebhookService(db: Database, clock: Clock, guard: { allowPrivate: boolean; resolve: Resolver }) {
  async function areaOf(slug: string) {
    const area = await findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError('Area');
    return area;
  }

  async function webhookOf(id: string) {
    const webhook = await store.findWebhook(db, id);
    if (!webhook) throw new NotFoundError('Webhook');
    return webhook;
  }

  return {
    async create(slug: string, body: CreateWebhookBody): Promise<CreatedWebhook> {
      const area = await areaOf(slug);
      try {
        await vetWebhookUrl(body.url, guard.allowPrivate, guard.resolve);
      } catch (error) {
        if (!(error instanceof RefusedAddressError)) throw error;
        throw new ValidationError(`This webhook URL is refused: ${error.message}`, [{ field: 'url', message: error.message }], { cause: error });
      }
      const secret = newWebhookSecret();
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const created = { id: randomUUID(), areaId: area.id, format: body.format, url: body.url, secret, fromSeq: await newestEventSeq(tx), createdAt: now };
        await store.insertWebhook(tx, created);
        // The log's consumer exists from the first webhook on: until then retention need keep nothing for it.
        await registerOutboxCursor(tx, created.fromSeq, now);
        return created;
      });
      return { ...presentWebhook({ ...row, areaSlug: area.slug, consecutiveFailures: 0, disabledAt: null, deletedAt: null }), secret };
    },

    async list(slug: string): Promise<Webhook[]> {
      return (await store.listWebhooksOfArea(db, (await areaOf(slug)).id)).map(presentWebhook);
    },

    async remove(slug: string, id: string): Promise<void> {
      const area = await areaOf(slug);
      const webhook = await webhookOf(id);
      if (webhook.areaId !== area.id) throw new NotFoundError('Webhook');
      await db.transaction((tx) => store.deleteWebhook(tx, id, clock.now()));
    },

    /** An admin fixed the receiver that answered 410 Gone: what is pulled from now on reaches it again. */
    async enable(id: string): Promise<Webhook> {
      await webhookOf(id);
      await db.transaction((tx) => store.enableWebhook(tx, id));
      return presentWebhook(await webhookOf(id));
    },

    async deliveries(id: string): Promise<Delivery[]> {
      await webhookOf(id);
      return (await store.listDeliveries(db, id, DELIVERIES_SHOWN)).map(presentDelivery);
    },

    /** Sends one delivery again, from the start of the retry schedule, with the same webhook-id. */
    async redeliver(id: string, deliveryId: string): Promise<Delivery> {
      const webhook = await webhookOf(id);
      if (webhook.disabledAt !== null) throw new ConflictError('webhook_disabled', 'This webhook was disabled (its receiver answered 410 Gone): enable it again first');
      const delivery = await store.findDelivery(db, id, deliveryId);
      if (!delivery) throw new NotFoundError('Delivery');
      // A pending delivery may be on its way right now: sending it again beside that would send it twice.
      if (delivery.status === 'pending') throw new ConflictError('delivery_pending', 'This delivery is still being tried; it can be sent again once it is delivered or has failed');
      const now = clock.now();
      await db.transaction((tx) => store.requeueDelivery(tx, deliveryId, now));
      const requeued = await store.findDelivery(db, id, deliveryId);
      if (!requeued) throw new NotFoundError('Delivery');
      return presentDelivery(requeued);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
