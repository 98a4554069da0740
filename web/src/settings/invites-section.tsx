import { useId, useState, type SubmitEvent } from 'react';
import type { Invite, Role } from '../../../shared/accounts.ts';
import { EMAIL_MAX } from '../../../shared/limits.ts';
import type { PendingInvite } from '../../../shared/people.ts';
import { createInvite, listPendingInvites, revokeInvite } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useOrganisationList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { CopyField } from './copy-field.tsx';

// Typed by role, so a role added in shared/ cannot be missing here.
const ROLE_CHOICES: Record<Role, string> = {
  member: 'Member: pulls, swarms, sees the board',
  admin: 'Admin: also changes settings and invites people',
};

function absoluteLink(link: string): string {
  try {
    return new URL(link, window.location.origin).toString();
  } catch {
    return link;
  }
}

export function InvitesSection() {
  const id = useId();
  const { busy, failure, submit } = useSubmit();
  const [invite, setInvite] = useState<Invite | null>(null);
  const { items: pending, setItems: setPending, error: pendingError, setError: setPendingError, reload } = useOrganisationList<PendingInvite>(listPendingInvites);

  async function revoke(pendingInvite: PendingInvite) {
    const who = pendingInvite.email ?? 'anyone with the link';
    if (!window.confirm(`Revoke the invite for ${who}? Its link stops working at once.`)) return;
    setPendingError(null);
    try {
      await revokeInvite(pendingInvite.id);
      setPending((list) => list?.filter((i) => i.id !== pendingInvite.id) ?? null);
    } catch (error) {
      setPendingError(describeError(error));
    }
  }

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = formText(form, 'email').trim();
    const role = formText(form, 'role') as Role;
    void submit(async () => {
      setInvite(await createInvite({ role, ...(email ? { email } : {}) }));
      formElement.reset();
      reload();
    });
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invites</h2>
      <p className="muted">Invite someone with a single-use link. Send it to them however you like.</p>
      <form className="stack settings-form" onSubmit={create}>
        <FormAlert message={failure?.message} />
        <TextField
          label="Their email (optional)"
          name="email"
          type="email"
          maxLength={EMAIL_MAX}
          hint="Leave empty to let them enter it themselves."
          error={failure?.fields.email}
        />
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} name="role" defaultValue="member">
            {(Object.entries(ROLE_CHOICES) as [Role, string][]).map(([role, label]) => (
              <option key={role} value={role}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Create invite link
        </button>
      </form>
      {invite && (
        <div className="created" role="status">
          <p>
            Invite link for {invite.email ?? 'anyone with the link'} as {invite.role}, valid until {formatWhen(invite.expiresAt)}:
          </p>
          <CopyField label="Invite link" value={absoluteLink(invite.link)} />
        </div>
      )}
      <h3>Pending invites</h3>
      <FormAlert message={pendingError} />
      {pending && pending.length === 0 && <p className="muted">No invite is waiting to be accepted.</p>}
      {pending && pending.length > 0 && (
        <ul className="invite-list" aria-label="Pending invites">
          {pending.map((p) => (
            <li key={p.id} className="token-row">
              <div>
                <strong>{p.email ?? 'Anyone with the link'}</strong>
                <div className="muted">
                  {p.role === 'admin' ? 'Admin' : 'Member'} · by {p.createdByName} · valid until {formatWhen(p.expiresAt)}
                </div>
              </div>
              <button type="button" className="button button--danger button--small" onClick={() => void revoke(p)} aria-label={`Revoke the invite for ${p.email ?? 'anyone with the link'}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
