import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { findEventCursor, listEventsAfter, saveEventCursor, type EventRow } from '../events/store.ts';
import { chatPayload, jsonPayload, learningChatPayload, type Alert, type LearningNotice } from './payloads.ts';
import { areaNamesBySlug, insertDelivery, listActiveWebhooks, lockOutboxCursor, previousProblemEventData, type WebhookWithArea } from './store.ts';

/** The webhooks' cursor in the event log: retention keeps every event it has not passed. */
export const WEBHOOKS_CONSUMER = 'webhooks';
export const OUTBOX_BATCH = 200;

type Data = Record<string, unknown>;
const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `escalated` (and its step, when there is one) from a problem's data; null when it is not escalated. */
function escalationMark(data: unknown): string | null {
  if (!isObject(data) || !isObject(data.escalation) || data.escalation.escalated !== true) return null;
  return JSON.stringify(data.escalation.step ?? null);
}

/** Whether this event alerts a chat channel: a pull, or a problem that has just escalated (further). */
async function alertKind(tx: Tx, event: EventRow, data: unknown): Promise<Alert['kind'] | null> {
  if (event.name === 'problem.raised') return 'raised';
  if (event.name !== 'problem.updated') return null;
  const mark = escalationMark(data);
  if (mark === null) return null;
  const previous = await previousProblemEventData(tx, event.problemId, event.seq);
  return previous !== undefined && escalationMark(JSON.parse(previous)) === mark ? null : 'escalated';
}

function alertOf(kind: Alert['kind'], data: unknown, areaName: string, problemUrl: string): Alert | null {
  if (!isObject(data) || typeof data.number !== 'number' || typeof data.title !== 'string') return null;
  const raisedBy = isObject(data.raisedBy) && typeof data.raisedBy.name === 'string' ? data.raisedBy.name : 'someone';
  return { kind, number: data.number, title: data.title, level: data.level === 'stop' ? 'stop' : 'help', areaName, pulledBy: raisedBy, problemUrl };
}

function learningNoticeOf(event: EventRow, data: unknown, areaName: string, publicBase: string): LearningNotice | null {
  if (event.name !== 'learning.published' || !isObject(data) || typeof data.id !== 'string' || typeof data.title !== 'string') return null;
  return { title: data.title, number: event.problemNumber ?? 0, areaName, learningUrl: `${publicBase}/learnings/${encodeURIComponent(data.id)}` };
}

/**
 * Whom the app alerts is for the app's own tabs (receivers hear of the pull or escalation itself),
 * and a receiver is not told that an alert reached a receiver: that would be one more delivery per alert.
 */
function forReceivers(event: EventRow): boolean {
  if (event.name === 'problem.alerted' || event.name === 'learning.alerted') return false;
  if (event.name !== 'timeline.added') return true;
  const entry: unknown = JSON.parse(event.data);
  return !(isObject(entry) && entry.kind === 'alert-sent');
}

/**
 * Moves the webhooks' cursor through the event log, putting a delivery in the outbox for every
 * (event, webhook) that should hear of it, in the same transaction as the cursor moves: an event is
 * either in every outbox it belongs in, or not yet passed. Answers how many events it read.
 */
export async function fillOutbox(tx: Tx, publicBase: string, now: number): Promise<number> {
  // Serialises instances on PostgreSQL (the cursor row is locked until commit); SQLite's writer lock already does.
  await lockOutboxCursor(tx, WEBHOOKS_CONSUMER);
  const after = await findEventCursor(tx, WEBHOOKS_CONSUMER);
  if (after === undefined) return 0; // no webhook was ever created
  const events = await listEventsAfter(tx, after, OUTBOX_BATCH);
  if (events.length === 0) return 0;
  const webhooks = await listActiveWebhooks(tx);
  const areaNames = await areaNamesBySlug(tx);
  for (const event of events) {
    if (!forReceivers(event)) continue;
    const listening = webhooks.filter((w) => w.areaSlug === event.areaSlug && w.fromSeq < event.seq);
    if (listening.length > 0) await enqueue(tx, event, listening, areaNames.get(event.areaSlug ?? '') ?? event.areaSlug ?? '', publicBase, now);
  }
  await saveEventCursor(tx, WEBHOOKS_CONSUMER, events[events.length - 1].seq, now);
  return events.length;
}

async function enqueue(tx: Tx, event: EventRow, webhooks: WebhookWithArea[], areaName: string, publicBase: string, now: number): Promise<void> {
  const data: unknown = JSON.parse(event.data);
  const problemUrl = event.problemNumber ? `${publicBase}/problems/${event.problemNumber}` : null;
  const chat = webhooks.some((w) => w.format !== 'json') ? await alertKind(tx, event, data) : null;
  const alert = chat && problemUrl ? alertOf(chat, data, areaName, problemUrl) : null;
  const learning = learningNoticeOf(event, data, areaName, publicBase);
  for (const webhook of webhooks) {
    const body = webhook.format === 'json' ? jsonPayload(event.name, event.at, data, problemUrl)
      : learning ? learningChatPayload(webhook.format, learning)
        : alert ? chatPayload(webhook.format, alert) : null;
    if (body === null) continue;
    await insertDelivery(tx, {
      id: `msg_${randomUUID()}`, webhookId: webhook.id, eventSeq: event.seq, eventName: chat === 'escalated' && webhook.format !== 'json' ? 'problem.escalated' : event.name,
      problemNumber: event.problemNumber, body, createdAt: now,
    });
  }
}

/** Registers the cursor at `newestSeq` when a webhook is created, if it is not there yet (it never moves back). */
export async function registerOutboxCursor(tx: Tx, newestSeq: number, now: number): Promise<void> {
  if ((await findEventCursor(tx, WEBHOOKS_CONSUMER)) === undefined) await saveEventCursor(tx, WEBHOOKS_CONSUMER, newestSeq, now);
}
