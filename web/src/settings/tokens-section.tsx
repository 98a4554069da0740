import { useId, useState, type SubmitEvent } from 'react';
import type { ApiToken, CreatedApiToken } from '../../../shared/accounts.ts';
import { NAME_MAX } from '../../../shared/limits.ts';
import { createToken, listTokens, revokeToken } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useOrganisationList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { CopyField } from './copy-field.tsx';

export function TokensSection() {
  const id = useId();
  const { items: tokens, setItems: setTokens, error: listError, reload } = useOrganisationList<ApiToken>(listTokens);
  const { busy, failure, submit } = useSubmit();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = formText(new FormData(formElement), 'name').trim();
    void submit(async () => {
      setCreated(await createToken({ name }));
      formElement.reset();
      reload();
    });
  }

  async function revoke(token: ApiToken) {
    if (!window.confirm(`Revoke the token “${token.name}”? Anything using it will stop working at once.`)) return;
    setRevokeError(null);
    try {
      await revokeToken(token.id);
      if (created?.id === token.id) setCreated(null);
      setTokens((list) => list?.filter((t) => t.id !== token.id) ?? null);
    } catch (error) {
      setRevokeError(describeError(error));
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API tokens</h2>
      <p className="muted">For machines that pull the cord: monitoring alerts, scripts, chat tools.</p>
      <form className="stack settings-form" onSubmit={create}>
        <FormAlert message={failure?.message} />
        <TextField label="Token name" name="name" required maxLength={NAME_MAX} hint="What will use it, e.g. Alertmanager." error={failure?.fields.name} />
        <button type="submit" className="button button--primary" disabled={busy}>
          Create token
        </button>
      </form>
      {created && (
        <div className="created created--secret" role="status">
          <p className="warning">
            <strong>Copy this token now.</strong> It is shown only once; Andon keeps only a fingerprint of it.
          </p>
          <CopyField label={`Token for ${created.name}`} value={created.token} />
          <button type="button" className="button button--quiet button--small" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      {listError && (
        <p role="alert" className="alert alert--error">
          Could not list tokens: {listError}
        </p>
      )}
      <FormAlert message={revokeError} />
      {tokens && tokens.length === 0 && <p className="muted">No tokens yet.</p>}
      {tokens && tokens.length > 0 && (
        <ul className="token-list" aria-label="Tokens">
          {tokens.map((token) => (
            <li key={token.id} className="token-row">
              <div>
                <strong>{token.name}</strong>
                <div className="muted">
                  Created {formatWhen(token.createdAt)} · {token.lastUsedAt ? `last used ${formatWhen(token.lastUsedAt)}` : 'never used'}
                </div>
              </div>
              <button type="button" className="button button--danger button--small" onClick={() => void revoke(token)} aria-label={`Revoke ${token.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
