import { useId, useState } from 'react';
import type { Role } from '../../../shared/accounts.ts';
import { ROLES } from '../../../shared/values/accounts.ts';
import type { Member, PasswordResetLink } from '../../../shared/people.ts';
import { createPasswordReset, updateMember } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { CopyField } from './copy-field.tsx';

const ROLE_NAMES: Record<Role, string> = { admin: 'Admin', member: 'Member' };

interface MemberRowProps {
  member: Member;
  isYou: boolean;
  onChanged: (member: Member) => void;
}

/** One person: their role (changeable), last sign-in, and deactivate / reactivate / reset-link actions. */
export function MemberRow({ member, isYou, onChanged }: MemberRowProps) {
  const id = useId();
  const { busy, failure, done, submit } = useSubmit();
  const [reset, setReset] = useState<PasswordResetLink | null>(null);
  const active = member.deactivatedAt === null;

  function change(body: { role?: Role; active?: boolean }, said: string) {
    void submit(async () => {
      onChanged(await updateMember(member.id, body));
      return said;
    });
  }

  function deactivate() {
    const warning = `Deactivate ${member.name}? They are signed out everywhere at once, the API tokens they made stop working, and they cannot sign in until reactivated. What they did stays.`;
    if (window.confirm(warning)) change({ active: false }, `${member.name} is deactivated.`);
  }

  function makeResetLink() {
    void submit(async () => {
      setReset(await createPasswordReset(member.id));
    });
  }

  return (
    <li className={`member-row${active ? '' : ' member-row--deactivated'}`}>
      <div className="member-row__who">
        <strong>
          {member.name}
          {isYou && ' (you)'}
        </strong>
        <span className="muted member-row__email">{member.email}</span>
        <span className="muted">
          {active ? '' : `Deactivated ${formatWhen(member.deactivatedAt ?? '')} · `}
          {member.lastSignInAt ? `Last signed in ${formatWhen(member.lastSignInAt)}` : 'Never signed in'}
        </span>
      </div>
      <div className="member-row__actions">
        <label className="visually-hidden" htmlFor={`${id}-role`}>
          Role of {member.name}
        </label>
        <select
          id={`${id}-role`}
          value={member.role}
          disabled={busy || !active}
          onChange={(event) => change({ role: event.currentTarget.value as Role }, `${member.name} is now ${event.currentTarget.value}.`)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_NAMES[role]}
            </option>
          ))}
        </select>
        {active ? (
          <>
            <button type="button" className="button button--small" disabled={busy} onClick={makeResetLink} aria-label={`Make a password-reset link for ${member.name}`}>
              Reset link
            </button>
            <button type="button" className="button button--danger button--small" disabled={busy} onClick={deactivate} aria-label={`Deactivate ${member.name}`}>
              Deactivate
            </button>
          </>
        ) : (
          <button type="button" className="button button--small" disabled={busy} onClick={() => change({ active: true }, `${member.name} is active again.`)} aria-label={`Reactivate ${member.name}`}>
            Reactivate
          </button>
        )}
      </div>
      <FormAlert message={failure?.message} />
      <p role="status" className="muted member-row__done">
        {done}
      </p>
      {reset && (
        <div className="created created--secret member-row__reset">
          <p className="warning">
            <strong>Give this link to {member.name} now.</strong> It is shown only once, works once, and expires {formatWhen(reset.expiresAt)}.
            Using it signs them out everywhere.
          </p>
          <CopyField label={`Password-reset link for ${member.name}`} value={reset.link} />
          <button type="button" className="button button--quiet button--small" onClick={() => setReset(null)}>
            I have passed it on
          </button>
        </div>
      )}
    </li>
  );
}
