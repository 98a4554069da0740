// Turns what each kind of monitor sends into one shape: an alert group, with the problem it would
// raise. Pure, so the title, details and level rules are tested without a database.
import { createHash } from 'node:crypto';
import { DEDUP_KEY_MAX, DETAILS_MAX, TITLE_MAX } from '../../shared/limits.ts';
import type { AlertmanagerNotification, GenericNotification, GrafanaNotification } from '../../shared/integrations.ts';
import type { Level } from '../../shared/problems.ts';

export interface GroupAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** When the sender says it started firing; null for a generic pull, which has no such time. */
  startsAt: string | null;
  /** How the timeline names it: its instance, else its alert name. */
  name: string;
  description: string | null;
}

export interface AlertGroup {
  /**
   * One open problem per key in the area; null (a generic pull without a dedupKey) raises every time.
   * A group key too long to index is kept as its digest.
   */
  key: string | null;
  firing: boolean;
  title: string;
  details: string;
  level: Level;
  alerts: GroupAlert[];
  /** Alerts the sender left out (Alertmanager's max_alerts): counted as firing while the group fires. */
  truncated: number;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const isWebLink = (url: string | undefined): url is string => url !== undefined && /^https?:\/\//i.test(url);
/** Label values are the sender's text: shown as code, so they cannot turn into links or markup. */
export const asCode = (text: string) => `\`${text.replaceAll('`', "'").replaceAll('\n', ' ')}\``;

/**
 * Alertmanager's groupKey holds every grouping label, so it can be longer than a key the database
 * indexes well; refusing it would lose the notification (Alertmanager never retries a 4xx).
 */
export function dedupKeyOf(groupKey: string): string {
  return groupKey.length <= DEDUP_KEY_MAX ? groupKey : `sha256:${createHash('sha256').update(groupKey).digest('hex')}`;
}

type Group = AlertmanagerNotification | GrafanaNotification;
type Alert = Group['alerts'][number];

/** A label or annotation the sender may not have set. */
const get = (labels: Readonly<Record<string, string>>, name: string): string | undefined => labels[name];

function alertName(group: Group): string {
  return get(group.groupLabels, 'alertname') ?? get(group.commonLabels, 'alertname') ?? get(group.alerts[0].labels, 'alertname') ?? group.receiver;
}

function titleOf(group: Group): string {
  const summary = get(group.commonAnnotations, 'summary')?.trim();
  if (summary) return clip(summary, TITLE_MAX);
  const firing = group.alerts.filter((a) => a.status === 'firing').length || group.alerts.length;
  const only = group.alerts.length === 1 ? get(group.alerts[0].labels, 'instance') : undefined;
  return clip(`${alertName(group)} on ${only ?? `${firing} instance${firing === 1 ? '' : 's'}`}`, TITLE_MAX);
}

function linksOf(group: Group, extra: Array<[string, string | undefined]>): string[] {
  const first: Alert = group.alerts[0];
  const links: Array<[string, string | undefined]> = [
    ['Runbook', get(group.commonAnnotations, 'runbook_url') ?? get(first.annotations, 'runbook_url')],
    ['Source', first.generatorURL],
    ...extra,
  ];
  return links.filter((link): link is [string, string] => isWebLink(link[1])).map(([label, url]) => `[${label}](${url})`);
}

function detailsOf(group: Group, extra: Array<[string, string | undefined]>): string {
  const common = get(group.commonAnnotations, 'description')?.trim();
  const descriptions = common ? [common] : [...new Set(group.alerts.flatMap((a) => get(a.annotations, 'description')?.trim() ?? []))].slice(0, 20).map((d) => `- ${d}`);
  const links = linksOf(group, extra);
  return clip([descriptions.join('\n'), links.join(' · ')].filter(Boolean).join('\n\n'), DETAILS_MAX);
}

function levelOf(group: Group, stopSeverities: readonly string[]): Level {
  const severities = [get(group.commonLabels, 'severity'), ...group.alerts.map((a) => get(a.labels, 'severity'))];
  return severities.some((s) => s !== undefined && stopSeverities.includes(s)) ? 'stop' : 'help';
}

function alertsOf(group: Group): GroupAlert[] {
  return group.alerts.map((a) => ({
    fingerprint: a.fingerprint,
    status: a.status,
    startsAt: a.startsAt,
    name: get(a.labels, 'instance') ?? get(a.labels, 'alertname') ?? a.fingerprint,
    description: get(a.annotations, 'description')?.trim() ?? null,
  }));
}

function fromGroup(group: Group, stopSeverities: readonly string[], extra: Array<[string, string | undefined]>): AlertGroup {
  return {
    key: dedupKeyOf(group.groupKey),
    firing: group.status === 'firing',
    title: titleOf(group),
    details: detailsOf(group, extra),
    level: levelOf(group, stopSeverities),
    alerts: alertsOf(group),
    truncated: group.status === 'firing' ? (group.truncatedAlerts ?? 0) : 0,
  };
}

export function fromAlertmanager(notification: AlertmanagerNotification, stopSeverities: readonly string[]): AlertGroup {
  return fromGroup(notification, stopSeverities, [['Alertmanager', notification.externalURL]]);
}

export function fromGrafana(notification: GrafanaNotification, stopSeverities: readonly string[]): AlertGroup {
  const first = notification.alerts[0];
  return fromGroup(notification, stopSeverities, [['Dashboard', first.dashboardURL], ['Panel', first.panelURL], ['Silence', first.silenceURL]]);
}

/** A generic pull is one alert: its key is its fingerprint. */
export function fromGeneric(notification: GenericNotification): AlertGroup {
  const status = notification.status ?? 'firing';
  const key = notification.dedupKey ?? null;
  return {
    key,
    firing: status === 'firing',
    title: notification.title.trim(),
    details: notification.details ?? '',
    level: notification.level ?? 'help',
    alerts: [{ fingerprint: key ?? 'alert', status, startsAt: null, name: notification.title.trim(), description: null }],
    truncated: 0,
  };
}
