import { useId, useState, type SubmitEvent } from 'react';
import '../integrations/integrations.css';
import type { CreatedIntegration, Integration, IntegrationKind } from '../../../shared/integrations.ts';
import { INTEGRATION_KINDS } from '../../../shared/values/integrations.ts';
import { createIntegration, listIntegrations } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useAreaList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { AreaChoice, useAreaChoice } from './area-choice.tsx';
import { IntegrationRow } from './integration-row.tsx';
import { IntegrationSetup } from './integration-setup.tsx';

const KIND_CHOICES: Record<IntegrationKind, string> = {
  alertmanager: 'Prometheus Alertmanager',
  grafana: 'Grafana contact point',
  generic: 'Generic JSON (scripts, other monitors)',
};

/** Each area's integrations: monitors that pull into it, one problem per alert group. */
export function IntegrationsSection() {
  const id = useId();
  const { live, area, choose } = useAreaChoice();
  const [kind, setKind] = useState<IntegrationKind>('alertmanager');
  const { items, error: listError, reload } = useAreaList<Integration>(area, listIntegrations);
  const [created, setCreated] = useState<CreatedIntegration | null>(null);
  const { busy, failure, submit } = useSubmit();

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = formText(form, 'name').trim();
    const hmacSecret = formText(form, 'hmacSecret');
    void submit(async () => {
      setCreated(await createIntegration(area, { kind, ...(name ? { name } : {}), ...(kind === 'grafana' && hmacSecret ? { hmacSecret } : {}) }));
      formElement.reset();
      reload();
    });
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Integrations</h2>
      <p className="muted">
        Let a monitor pull into an area. One alert group is one problem: repeat notifications update it, and it resolves by itself when its
        alerts clear and nobody has joined the swarm.
      </p>
      <AreaChoice id={`${id}-area`} live={live} area={area} onChoose={(slug) => { choose(slug); setCreated(null); }} />
      <form className="stack settings-form" onSubmit={create}>
        <FormAlert message={failure?.message} />
        <div className="field">
          <label htmlFor={`${id}-kind`}>Monitor</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as IntegrationKind)}>
            {INTEGRATION_KINDS.map((k) => <option key={k} value={k}>{KIND_CHOICES[k]}</option>)}
          </select>
        </div>
        <TextField label="Name (optional)" name="name" maxLength={100} hint="Problems it raises say they were raised by this name, e.g. “Alertmanager prod”." error={failure?.fields.name} />
        {kind === 'grafana' && (
          <TextField label="HMAC signature secret (optional)" name="hmacSecret" type="password" autoComplete="off" maxLength={500}
            hint="Set the same secret under the contact point’s HMAC Signature; unsigned requests are then refused." error={failure?.fields.hmacSecret} />
        )}
        <button type="submit" className="button button--primary" disabled={busy || !area}>Add integration</button>
      </form>
      {created && <IntegrationSetup integration={created} onDone={() => setCreated(null)} />}
      <FormAlert message={listError} />
      {items?.length === 0 && <p className="muted">No integrations for this area.</p>}
      {items && items.length > 0 && (
        <ul className="token-list" aria-label="Integrations">
          {items.map((integration) => (
            <IntegrationRow key={integration.id} area={area} integration={integration} onChanged={reload} onRotated={setCreated} />
          ))}
        </ul>
      )}
    </section>
  );
}
