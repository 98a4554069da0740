import { useId, useState, type SubmitEvent } from 'react';
import type { CreatedIntegration, Integration } from '../../../shared/integrations.ts';
import { INTEGRATION_DEFAULT_NAMES } from '../../../shared/values/integrations.ts';
import { deleteIntegration, rotateIntegrationToken, updateIntegration } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';

const KIND_WORDS = { alertmanager: 'Prometheus Alertmanager', grafana: 'Grafana', generic: 'Generic JSON' } as const;
const severitiesFrom = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];

/** One integration: its settings, a new token, or removing it. */
export function IntegrationRow({ area, integration, onChanged, onRotated }: {
  area: string;
  integration: Integration;
  onChanged: () => void;
  onRotated: (created: CreatedIntegration) => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const { busy, failure, done, submit } = useSubmit();
  const label = `${integration.name} (${KIND_WORDS[integration.kind]})`;

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(async () => {
      await updateIntegration(area, integration.id, {
        name: formText(form, 'name').trim() || INTEGRATION_DEFAULT_NAMES[integration.kind],
        stopSeverities: severitiesFrom(formText(form, 'stopSeverities')),
        autoResolve: form.get('autoResolve') === 'on',
        ...(integration.kind === 'grafana' && formText(form, 'hmacSecret') ? { hmacSecret: formText(form, 'hmacSecret') } : {}),
      });
      setEditing(false);
      onChanged();
      return 'Saved.';
    });
  }

  function rotate() {
    if (!window.confirm(`Give ${label} a new token? The current one stops working at once: paste the new one into the monitor.`)) return;
    void submit(async () => {
      onRotated(await rotateIntegrationToken(area, integration.id));
      onChanged();
    });
  }

  function remove() {
    if (!window.confirm(`Remove ${label}? Its monitor can no longer pull into this area.`)) return;
    void submit(async () => {
      await deleteIntegration(area, integration.id);
      onChanged();
    });
  }

  return (
    <li className="token-row integration-row">
      <div>
        <strong>{integration.name}</strong> <span className="muted">{KIND_WORDS[integration.kind]}</span>
        <div className="muted">
          Stop for severity {integration.stopSeverities.join(', ') || '(none)'} · {integration.autoResolve ? 'resolves by itself' : 'never resolves by itself'}
          {integration.signed ? ' · signed' : ''} · {integration.lastReceivedAt ? `last heard ${new Date(integration.lastReceivedAt).toLocaleString()}` : 'nothing received yet'}
        </div>
        <div className="muted integration-row__url">{integration.url}</div>
        <FormAlert message={failure?.message} />
        <p role="status" className="muted">{done}</p>
        {editing && (
          <form className="stack settings-form" onSubmit={save} aria-label={`Settings of ${label}`}>
            <TextField label="Name" name="name" defaultValue={integration.name} maxLength={100} hint="Problems it raises say they were raised by this name." />
            <TextField label="Severities that pull Stop" name="stopSeverities" defaultValue={integration.stopSeverities.join(', ')}
              hint="The alert's severity label; comma-separated. Any other severity pulls Help." error={failure?.fields.stopSeverities} />
            <div className="field field--checkbox">
              <input id={`${id}-auto`} type="checkbox" name="autoResolve" defaultChecked={integration.autoResolve} />
              <label htmlFor={`${id}-auto`}>Resolve the problem by itself when all its alerts resolved and nobody has joined the swarm</label>
            </div>
            {integration.kind === 'grafana' && (
              <TextField label="HMAC signature secret" name="hmacSecret" type="password" autoComplete="off" maxLength={500}
                hint={integration.signed ? 'Set: leave empty to keep it.' : 'Optional: the secret set under the contact point’s HMAC Signature.'} />
            )}
            <div className="area-row__buttons">
              <button type="submit" className="button button--primary button--small" disabled={busy}>Save</button>
              <button type="button" className="button button--quiet button--small" onClick={() => setEditing(false)}>Cancel</button>
            </div>
          </form>
        )}
      </div>
      <div className="area-row__buttons">
        <button type="button" className="button button--small" onClick={() => setEditing(!editing)} aria-expanded={editing} aria-label={`Settings of ${label}`}>Settings</button>
        <button type="button" className="button button--small" onClick={rotate} disabled={busy} aria-label={`New token for ${label}`}>New token</button>
        <button type="button" className="button button--danger button--small" onClick={remove} disabled={busy} aria-label={`Remove ${label}`}>Remove</button>
      </div>
    </li>
  );
}
