import type { CreatedIntegration } from '../../../shared/integrations.ts';
import { configSnippet, grafanaSteps } from '../integrations/config-snippets.ts';
import { CopyField } from './copy-field.tsx';

/** The token, shown this once, and what to paste into the monitor with it. */
export function IntegrationSetup({ integration, onDone }: { integration: CreatedIntegration; onDone: () => void }) {
  const snippet = configSnippet(integration);
  return (
    <div className="created created--secret" role="status">
      <p className="warning"><strong>Copy this token now.</strong> It is shown only once; rotate it to get a new one.</p>
      <CopyField label="Notification URL" value={integration.url} />
      <CopyField label="Token" value={integration.token} />
      {integration.kind === 'alertmanager' && <p>Add this receiver to <code>alertmanager.yml</code> and route alerts to it:</p>}
      {integration.kind === 'generic' && <p>Pull from a script:</p>}
      {snippet !== null && <pre className="config-snippet" tabIndex={0} aria-label="Configuration to paste"><code>{snippet}</code></pre>}
      {integration.kind === 'grafana' && (
        <ol className="config-steps">
          {grafanaSteps(integration.url, integration.token, integration.signed).map((step) => <li key={step}>{step}</li>)}
        </ol>
      )}
      <button type="button" className="button button--quiet button--small" onClick={onDone}>I have copied it</button>
    </div>
  );
}
