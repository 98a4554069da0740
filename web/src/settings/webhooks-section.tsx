import { useId, useState, type SubmitEvent } from 'react';
import type { CreatedWebhook, Webhook, WebhookFormat } from '../../../shared/webhooks.ts';
import { WEBHOOK_FORMATS, WEBHOOK_URL_MAX } from '../../../shared/values/webhooks.ts';
import { createWebhook, deleteWebhook, enableWebhook, listWebhooks } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useAreaList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { AreaChoice, useAreaChoice } from './area-choice.tsx';
import { CopyField } from './copy-field.tsx';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

const FORMAT_WORDS: Record<WebhookFormat, string> = { slack: 'Slack', mattermost: 'Mattermost / Rocket.Chat', teams: 'Microsoft Teams (Workflows)', json: 'JSON (every event)' };

/** Each area's outgoing webhooks: add one (its secret shown once), see which keep failing, read their deliveries. */
export function WebhooksSection() {
  const id = useId();
  const { live, area, choose } = useAreaChoice();
  const { items: webhooks, error: listError, setError: setListError, reload } = useAreaList<Webhook>(area, listWebhooks);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { busy, failure, submit } = useSubmit();

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void submit(async () => {
      setCreated(await createWebhook(area, { format: formText(form, 'format') as WebhookFormat, url: formText(form, 'url').trim() }));
      formElement.reset();
      reload();
    });
  }

  async function remove(webhook: Webhook) {
    if (!window.confirm(`Remove the webhook to ${webhook.url}? Nothing more will be sent to it.`)) return;
    try {
      await deleteWebhook(area, webhook.id);
      reload();
    } catch (e) {
      setListError(describeError(e));
    }
  }

  async function enable(webhook: Webhook) {
    try {
      await enableWebhook(webhook.id);
      reload();
    } catch (e) {
      setListError(describeError(e));
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Webhooks</h2>
      <p className="muted">Send an area's pulls and escalations to a chat channel or another system, signed per Standard Webhooks.</p>
      <AreaChoice id={`${id}-area`} live={live} area={area} onChoose={(slug) => { choose(slug); setCreated(null); setOpen(null); }} />
      <form className="stack settings-form" onSubmit={create}>
        <FormAlert message={failure?.message} />
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select id={`${id}-format`} name="format" defaultValue="slack">
            {WEBHOOK_FORMATS.map((f) => <option key={f} value={f}>{FORMAT_WORDS[f]}</option>)}
          </select>
        </div>
        <TextField label="Webhook URL" name="url" type="url" required maxLength={WEBHOOK_URL_MAX} hint="The incoming-webhook address your chat tool gave you (https)." error={failure?.fields.url} />
        <button type="submit" className="button button--primary" disabled={busy || !area}>Add webhook</button>
      </form>
      {created && (
        <div className="created created--secret" role="status">
          <p className="warning"><strong>Copy this signing secret now.</strong> It is shown only once.</p>
          <CopyField label="Signing secret" value={created.secret} />
          <button type="button" className="button button--quiet button--small" onClick={() => setCreated(null)}>I have copied it</button>
        </div>
      )}
      <FormAlert message={listError} />
      {webhooks && webhooks.length === 0 && <p className="muted">No webhooks for this area.</p>}
      {webhooks && webhooks.length > 0 && (
        <ul className="token-list" aria-label="Webhooks">
          {webhooks.map((webhook) => (
            <li key={webhook.id} className="token-row webhook-row">
              <div>
                <strong>{FORMAT_WORDS[webhook.format]}</strong>{' '}
                {webhook.failing && <span className="badge badge--late">{webhook.disabledAt ? 'Disabled (410 Gone)' : 'Failing'}</span>}
                <div className="muted">{webhook.url}</div>
                {open === webhook.id && <WebhookDeliveries webhook={webhook} />}
              </div>
              <div className="area-row__buttons">
                <button type="button" className="button button--small" onClick={() => setOpen(open === webhook.id ? null : webhook.id)} aria-expanded={open === webhook.id}>
                  Deliveries
                </button>
                {webhook.disabledAt && (
                  <button type="button" className="button button--small" onClick={() => void enable(webhook)} aria-label={`Enable webhook ${webhook.url} again`}>
                    Enable again
                  </button>
                )}
                <button type="button" className="button button--danger button--small" onClick={() => void remove(webhook)} aria-label={`Remove webhook ${webhook.url}`}>Remove</button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
