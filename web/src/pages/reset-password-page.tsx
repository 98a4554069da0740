import { useState, type SubmitEvent } from 'react';
import { Link } from 'wouter';
import { getPasswordReset, resetPassword } from '../api/endpoints.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { OneTimeLinkStatus, useOneTimeLink } from '../forms/use-one-time-link.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { useSession } from '../session/session-context.tsx';

/** Where a password-reset link made by an admin leads: pick a new password, once. */
export function ResetPasswordPage({ code }: { code: string }) {
  usePageTitle('Set a new password');
  const { session } = useSession();
  const { link, use } = useOneTimeLink(code, getPasswordReset);
  /** Whose password was set, once it is. */
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const { busy, failure, submit } = useSubmit();

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (link.phase !== 'ready') return;
    const password = formText(new FormData(event.currentTarget), 'password');
    const { email } = link.info;
    void submit(() =>
      use(async () => {
        await resetPassword(code, { password });
        setDoneFor(email);
      }),
    );
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Set a new password</h1>
      {doneFor === null && (
        <OneTimeLinkStatus
          link={link}
          checking="Checking your link…"
          gone="This password-reset link is not valid any more: it was used, replaced by a newer one, it expired, or it was mistyped. Ask an admin of your Andon for a new one."
        />
      )}
      {doneFor !== null && (
        <div role="status">
          <p className="lead">Your new password is set, and you have been signed out everywhere.</p>
          {session.phase !== 'signed-in' && (
            <Link href="/signin" className="button button--primary">
              Sign in as {doneFor}
            </Link>
          )}
        </div>
      )}
      {link.phase === 'ready' && doneFor === null && (
        <>
          <p className="lead">
            For {link.info.name} ({link.info.email}). The link works once, until {formatWhen(link.info.expiresAt)}. Setting
            the password signs this account out everywhere.
          </p>
          <form className="stack" onSubmit={send}>
            <FormAlert message={failure?.message} />
            <NewPasswordField label="New password" error={failure?.fields.password} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Set password'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
