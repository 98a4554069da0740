import { useEffect, useState, type SubmitEvent } from 'react';
import { Link } from 'wouter';
import type { PasswordResetInfo } from '../../../shared/people.ts';
import { getPasswordReset, resetPassword } from '../api/endpoints.ts';
import { ApiError, describeError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { useSession } from '../session/session-context.tsx';

type ResetState =
  | { phase: 'loading' }
  | { phase: 'ready'; reset: PasswordResetInfo }
  | { phase: 'gone' }
  | { phase: 'done'; email: string }
  | { phase: 'error'; message: string };

/** Where a password-reset link made by an admin leads: pick a new password, once. */
export function ResetPasswordPage({ code }: { code: string }) {
  usePageTitle('Set a new password');
  const { session } = useSession();
  const [state, setState] = useState<ResetState>({ phase: 'loading' });
  const { busy, failure, submit } = useSubmit();

  useEffect(() => {
    let current = true;
    getPasswordReset(code).then(
      (reset) => current && setState({ phase: 'ready', reset }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404) setState({ phase: 'gone' });
        else setState({ phase: 'error', message: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [code]);

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.phase !== 'ready') return;
    const password = formText(new FormData(event.currentTarget), 'password');
    void submit(async () => {
      try {
        await resetPassword(code, { password });
        setState({ phase: 'done', email: state.reset.email });
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        setState({ phase: 'gone' });
      }
    });
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Set a new password</h1>
      {state.phase === 'loading' && <p role="status">Checking your link…</p>}
      {state.phase === 'gone' && (
        <p role="alert" className="alert alert--error">
          This password-reset link is not valid any more: it was used, replaced by a newer one, it expired, or it was
          mistyped. Ask an admin of your Andon for a new one.
        </p>
      )}
      {state.phase === 'error' && (
        <p role="alert" className="alert alert--error">
          {state.message}
        </p>
      )}
      {state.phase === 'done' && (
        <div role="status">
          <p className="lead">Your new password is set, and you have been signed out everywhere.</p>
          {session.phase !== 'signed-in' && (
            <Link href="/signin" className="button button--primary">
              Sign in as {state.email}
            </Link>
          )}
        </div>
      )}
      {state.phase === 'ready' && (
        <>
          <p className="lead">
            For {state.reset.name} ({state.reset.email}). The link works once, until {formatWhen(state.reset.expiresAt)}. Setting
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
