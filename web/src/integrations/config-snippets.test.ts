import { describe, expect, it } from 'vitest';
import { alertmanagerSnippet, configSnippet, grafanaSteps } from './config-snippets.ts';

describe('the config Settings shows for an integration', () => {
  it('for Alertmanager is a webhook_configs receiver with the URL and the token as bearer credentials', () => {
    const snippet = alertmanagerSnippet('https://andon.example.com/api/integrations/i1/notify', 'andon_int_abc');
    expect(snippet).toContain('      - url: https://andon.example.com/api/integrations/i1/notify');
    expect(snippet).toMatch(/http_config:\n {10}authorization:\n {12}credentials: andon_int_abc/);
    expect(snippet).toContain('send_resolved: true');
  });

  it('for Grafana names the header scheme and, when signed, the signature headers', () => {
    expect(grafanaSteps('u', 't', false).join('\n')).toContain('Scheme: Bearer; Credentials: t');
    expect(grafanaSteps('u', 't', true).join('\n')).toContain('X-Grafana-Alerting-Signature');
    expect(configSnippet({ kind: 'grafana', url: 'u', token: 't' })).toBeNull();
  });

  it('for a generic integration is a curl with a dedupKey', () => {
    expect(configSnippet({ kind: 'generic', url: 'https://a/x', token: 't' })).toContain('"dedupKey": "backup"');
  });
});
