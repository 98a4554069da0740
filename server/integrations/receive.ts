// What a notification does to its area: raise the group's problem, or update the open one (alerts
// that start firing or resolve, each once), and resolve it by itself when every alert resolved and
// nobody is working it.
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

export async function receiveAlertGroup(tx: Tx, events: EventLog, receiver: Receiver, group: AlertGroup, now: number): Promise<NotificationResult> {
  const { area, by } = receiver;
  const open = group.key === null ? undefined : await problemStore.findOpenWithKeyForUpdate(tx, area.id, group.key);
  if (!open) {
    // A group that resolved with nothing open (its problem was closed by hand, or this is a repeat): nothing to raise.
    if (!group.firing) return { outcome: 'ignored', problemNumber: null, firingAlerts: 0 };
    const firing = group.alerts.filter((a) => a.status === 'firing');
    const firingAlerts = firing.length + group.truncated;
    const problem = await insertPull(tx, events, area, by, { title: group.title, details: group.details, level: group.level, dedupKey: group.key, firingAlerts }, now);
    for (const alert of group.alerts) await store.saveProblemAlert(tx, { problemId: problem.id, fingerprint: alert.fingerprint, status: alert.status, updatedAt: now });
    const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: area.slug };
    await addTimelineEntry(tx, events, routing, { kind: 'observation', body: observation(firing, group.truncated), by, at: now });
    return { outcome: 'raised', problemNumber: problem.number, firingAlerts };
  }

  const known = new Map((await store.listProblemAlerts(tx, open.id)).map((a) => [a.fingerprint, a.status]));
  const changes = group.alerts.filter((alert) => known.get(alert.fingerprint) !== alert.status);
  // A resolved group has no alert firing, also those the sender no longer lists.
  if (!group.firing) {
    const listed = new Set(group.alerts.map((a) => a.fingerprint));
    for (const [fingerprint, status] of known) {
      if (status === 'firing' && !listed.has(fingerprint)) changes.push({ fingerprint, status: 'resolved', name: fingerprint, description: null });
    }
  }
  for (const alert of changes) {
    known.set(alert.fingerprint, alert.status);
    await store.saveProblemAlert(tx, { problemId: open.id, fingerprint: alert.fingerprint, status: alert.status, updatedAt: now });
  }
  const firingAlerts = [...known.values()].filter((s) => s === 'firing').length + group.truncated;
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
