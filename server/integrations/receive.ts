// What a notification does to its area: raise the group's problem, or update the open one (alerts
// that start firing or resolve, each once), and resolve it by itself when every alert resolved and
// nobody is working it. A re-send of what its closed problem already saw raises nothing.
import type { NotificationResult } from '../../shared/integrations.ts';
import type { AreaRow } from '../areas/store.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';
import { loadLockedProblem } from '../problems/load-problem.ts';
import { insertPull } from '../problems/raise.ts';
import { moveStatus } from '../problems/status-change.ts';
import * as problemStore from '../problems/store.ts';
import { listSwarmMembers } from '../swarm/store.ts';
import { addTimelineEntry, type Actor } from '../timeline/system-entries.ts';
import { asCode, type AlertGroup, type GroupAlert } from './alert-group.ts';
import * as store from './store.ts';

export const AUTO_RESOLVE_REASON = 'All alerts resolved';

interface Receiver {
  area: AreaRow;
  by: Actor;
  autoResolve: boolean;
}

function changeLine(alert: GroupAlert): string {
  const verb = alert.status === 'firing' ? 'Firing' : 'Resolved';
  return `- **${verb}** ${asCode(alert.name)}${alert.description ? ` — ${alert.description}` : ''}`;
}

function observation(changes: GroupAlert[], truncated: number): string {
  const lines = changes.map(changeLine);
  if (truncated > 0) lines.push(`- and ${truncated} more alert${truncated === 1 ? '' : 's'} not listed by the sender`);
  return lines.join('\n');
}

type Recorded = Map<string, { status: GroupAlert['status']; startsAt: string | null }>;

async function recordedAlerts(tx: Tx, problemId: string): Promise<Recorded> {
  return new Map((await store.listProblemAlerts(tx, problemId)).map((a) => [a.fingerprint, { status: a.status, startsAt: a.startsAt }]));
}

/** What the notification changes: alerts that start firing (anew) or resolve; a resolved group has none firing, also those it no longer lists. */
function alertChanges(group: AlertGroup, recorded: Recorded): GroupAlert[] {
  const changes = group.alerts.filter((alert) => {
    const known = recorded.get(alert.fingerprint);
    return known?.status !== alert.status || (alert.status === 'firing' && known.startsAt !== alert.startsAt);
  });
  if (!group.firing) {
    const listed = new Set(group.alerts.map((a) => a.fingerprint));
    for (const [fingerprint, known] of recorded) {
      if (known.status === 'firing' && !listed.has(fingerprint)) changes.push({ fingerprint, status: 'resolved', startsAt: known.startsAt, name: fingerprint, description: null });
    }
  }
  return changes;
}

async function saveChanges(tx: Tx, problemId: string, changes: GroupAlert[], recorded: Recorded, now: number): Promise<void> {
  for (const alert of changes) {
    recorded.set(alert.fingerprint, { status: alert.status, startsAt: alert.startsAt });
    await store.saveProblemAlert(tx, { problemId, fingerprint: alert.fingerprint, status: alert.status, startsAt: alert.startsAt, updatedAt: now });
  }
}

/**
 * A routine re-send (repeat_interval) of alerts already firing on the group's closed problem: people
 * closed it while they fired, so it is not raised again until an alert fires anew (a new fingerprint,
 * a new startsAt, or after the group fully resolved).
 */
function onlyRepeats(group: AlertGroup, recorded: Recorded): boolean {
  return group.alerts.every((alert) => {
    if (alert.status !== 'firing') return true;
    const known = recorded.get(alert.fingerprint);
    return known?.status === 'firing' && known.startsAt === alert.startsAt;
  });
}

export async function receiveAlertGroup(tx: Tx, events: EventLog, receiver: Receiver, group: AlertGroup, now: number): Promise<NotificationResult> {
  const { area, by } = receiver;
  const open = group.key === null ? undefined : await problemStore.findOpenWithKeyForUpdate(tx, area.id, group.key);
  if (!open) {
    const closed = group.key === null ? undefined : await problemStore.findLatestWithKey(tx, area.id, group.key);
    if (closed) {
      const recorded = await recordedAlerts(tx, closed.id);
      if (!group.firing || onlyRepeats(group, recorded)) {
        // Kept on the closed problem without a timeline entry (a re-send every few hours would only
        // add noise), so that the group fully resolving is known when it later fires again.
        await saveChanges(tx, closed.id, alertChanges(group, recorded), recorded, now);
        return { outcome: 'ignored', problemNumber: closed.number, firingAlerts: 0 };
      }
    }
    if (!group.firing) return { outcome: 'ignored', problemNumber: null, firingAlerts: 0 };
    const firing = group.alerts.filter((a) => a.status === 'firing');
    const firingAlerts = firing.length + group.truncated;
    const problem = await insertPull(tx, events, area, by, { title: group.title, details: group.details, level: group.level, dedupKey: group.key, firingAlerts }, now);
    await saveChanges(tx, problem.id, group.alerts, new Map(), now);
    const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: area.slug };
    await addTimelineEntry(tx, events, routing, { kind: 'observation', body: observation(firing, group.truncated), by, at: now });
    return { outcome: 'raised', problemNumber: problem.number, firingAlerts };
  }

  const recorded = await recordedAlerts(tx, open.id);
  const changes = alertChanges(group, recorded);
  await saveChanges(tx, open.id, changes, recorded, now);
  const firingAlerts = [...recorded.values()].filter((a) => a.status === 'firing').length + group.truncated;
  if (changes.length === 0 && firingAlerts === open.firingAlerts) {
    return { outcome: 'unchanged', problemNumber: open.number, firingAlerts };
  }
  await problemStore.setFiringAlerts(tx, open.id, firingAlerts, now);
  const routing = { problemId: open.id, problemNumber: open.number, areaSlug: open.areaSlug };
  if (changes.length > 0) await addTimelineEntry(tx, events, routing, { kind: 'observation', body: observation(changes, group.truncated), by, at: now });
  if (!group.firing && firingAlerts === 0) await resolvedByItself(tx, events, receiver, open, now);
  const problem = await loadLockedProblem(tx, open.number);
  await events.recordProblem(tx, 'problem.updated', problem, now);
  return { outcome: 'updated', problemNumber: open.number, firingAlerts };
}

/** Every alert resolved: the timeline says so; with nobody in the swarm the problem is resolved, else the swarm decides. */
async function resolvedByItself(tx: Tx, events: EventLog, receiver: Receiver, open: problemStore.ProblemWithArea, now: number): Promise<void> {
  const routing = { problemId: open.id, problemNumber: open.number, areaSlug: open.areaSlug };
  const swarm = await listSwarmMembers(tx, [open.id]);
  const next = !receiver.autoResolve
    ? 'Resolving by itself is turned off for this integration: the problem stays open.'
    : swarm.length > 0 ? 'A swarm is working it, so it stays open: the swarm decides when it is resolved.' : 'Nobody had joined the swarm, so it is resolved.';
  await addTimelineEntry(tx, events, routing, { kind: 'observation', body: `All alerts of this group have resolved. ${next}`, by: receiver.by, at: now });
  if (receiver.autoResolve && swarm.length === 0) {
    await moveStatus(tx, events, open, { to: 'resolved', reason: AUTO_RESOLVE_REASON }, receiver.by, now);
  }
}
