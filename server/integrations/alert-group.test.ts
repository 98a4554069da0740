import { describe, expect, it } from 'vitest';
import type { AlertmanagerNotification } from '../../shared/integrations.ts';
import { asCode, fromAlertmanager, fromGeneric } from './alert-group.ts';

const alert = (instance: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({
  status: 'firing' as const, labels: { alertname: 'PodCrashLooping', instance, ...labels }, annotations,
  startsAt: '2026-12-01T09:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'javascript:alert(1)', fingerprint: `fp-${instance}`,
});

function group(alerts: AlertmanagerNotification['alerts'], extra: Partial<AlertmanagerNotification> = {}): AlertmanagerNotification {
  return {
    version: '4', receiver: 'andon', status: 'firing', groupLabels: { alertname: 'PodCrashLooping' }, commonLabels: {}, commonAnnotations: {},
    externalURL: 'http://alertmanager:9093', groupKey: '{}:{alertname="PodCrashLooping"}', truncatedAlerts: 0, alerts, ...extra,
  };
}

describe('an Alertmanager group as a problem', () => {
  it('is titled by its alertname and instances without a summary, and by the one instance when alone', () => {
    expect(fromAlertmanager(group([alert('a'), alert('b'), alert('c')]), ['critical']).title).toBe('PodCrashLooping on 3 instances');
    expect(fromAlertmanager(group([alert('web-7')]), ['critical']).title).toBe('PodCrashLooping on web-7');
  });

  it('pulls Stop when any alert has a Stop severity, Help otherwise', () => {
    expect(fromAlertmanager(group([alert('a', { severity: 'warning' }), alert('b', { severity: 'critical' })]), ['critical']).level).toBe('stop');
    expect(fromAlertmanager(group([alert('a', { severity: 'critical' })]), ['page']).level).toBe('help');
  });

  it('links only web addresses in its details', () => {
    const details = fromAlertmanager(group([alert('a', {}, { description: 'restarting', runbook_url: 'https://rb/x' })]), []).details;
    expect(details).toBe('- restarting\n\n[Runbook](https://rb/x) · [Alertmanager](http://alertmanager:9093)');
  });

  it('counts truncated alerts only while the group fires', () => {
    expect(fromAlertmanager(group([alert('a')], { truncatedAlerts: 4 }), []).truncated).toBe(4);
    expect(fromAlertmanager(group([alert('a')], { truncatedAlerts: 4, status: 'resolved' }), []).truncated).toBe(0);
  });
});

describe('a generic notification', () => {
  it('is one alert keyed by its dedupKey, firing unless it says resolved', () => {
    expect(fromGeneric({ title: ' Backup failed ', dedupKey: 'backup', status: 'resolved' })).toMatchObject({
      key: 'backup', firing: false, title: 'Backup failed', level: 'help', alerts: [{ fingerprint: 'backup', status: 'resolved' }],
    });
    expect(fromGeneric({ title: 'x' }).key).toBeNull();
  });
});

it('shows label values as code, so they cannot become markup', () => {
  expect(asCode('a`](http://evil)\nb')).toBe("`a'](http://evil) b`");
});
