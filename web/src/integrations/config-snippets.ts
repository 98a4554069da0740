// What an admin pastes into the monitor, made from an integration's URL and its token (shown once).
import type { CreatedIntegration } from '../../../shared/integrations.ts';

export function alertmanagerSnippet(url: string, token: string): string {
  return [
    'receivers:',
    '  - name: andon',
    '    webhook_configs:',
    `      - url: ${url}`,
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    `            credentials: ${token}`,
  ].join('\n');
}

export function grafanaSteps(url: string, token: string, signed: boolean): string[] {
  return [
    'In Grafana: Alerting → Contact points → Add contact point; Integration: Webhook.',
    `URL: ${url}`,
    `Optional settings → Authorization Header - Scheme: Bearer; Credentials: ${token}`,
    ...(signed ? ['HMAC Signature → Secret: the secret you gave here; Header: X-Grafana-Alerting-Signature; Timestamp Header: X-Grafana-Alerting-Timestamp.'] : []),
    'Save the contact point, and route alerts to it in a notification policy.',
  ];
}

export function genericSnippet(url: string, token: string): string {
  return [
    `curl -sS ${url} \\`,
    `  -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `  -d '{"title": "Nightly backup failed", "level": "stop", "dedupKey": "backup"}'`,
    '# the same dedupKey with "status": "resolved" resolves it',
  ].join('\n');
}

/** The config block for this kind, or null for Grafana (whose set-up is steps in its UI). */
export function configSnippet(integration: Pick<CreatedIntegration, 'kind' | 'url' | 'token'>): string | null {
  if (integration.kind === 'alertmanager') return alertmanagerSnippet(integration.url, integration.token);
  if (integration.kind === 'generic') return genericSnippet(integration.url, integration.token);
  return null;
}
