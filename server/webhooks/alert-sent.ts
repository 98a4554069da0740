import type { WebhookFormat } from '../../shared/webhooks.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';
import { findProblemByNumber } from '../problems/store.ts';
import { addTimelineEntry } from '../timeline/system-entries.ts';
import type { DueDelivery } from './store.ts';

/** Deliveries that alert someone: a pull, or an escalation (chat formats name it problem.escalated). */
const ALERTING_EVENTS = new Set(['problem.raised', 'problem.escalated']);
const FORMAT_NAMES: Record<WebhookFormat, string> = { slack: 'Slack', mattermost: 'Mattermost', teams: 'Teams', json: 'JSON' };

/** The host only: a webhook URL's path often holds its secret (Slack's does), and the timeline is seen by everyone. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'its receiver';
  }
}

/**
 * In the transaction that records a successful delivery (which succeeds once), says on the
 * problem's timeline that the alert went out.
 */
export async function recordAlertSent(tx: Tx, events: EventLog, delivery: DueDelivery, at: number): Promise<void> {
  if (!ALERTING_EVENTS.has(delivery.eventName) || delivery.problemNumber === null) return;
  const problem = await findProblemByNumber(tx, delivery.problemNumber);
  if (!problem) return;
  const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: problem.areaSlug };
  const body = `Alert sent to ${FORMAT_NAMES[delivery.format]} webhook at ${hostOf(delivery.url)}`;
  await addTimelineEntry(tx, events, routing, { kind: 'alert-sent', body, by: null, at });
}
