import { useEffect, useState, type SubmitEvent } from 'react';
import { useLocation } from 'wouter';
import type { AcceptInviteBody, InviteInfo } from '../../../shared/accounts.ts';
import { EMAIL_MAX, NAME_MAX } from '../../../shared/limits.ts';
import { acceptInvite, getInvite } from '../api/endpoints.ts';
import { ApiError, describeError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { formatWhen } from '../problems/format-age.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useSession } from '../session/session-context.tsx';

type InviteState = { phase: 'loading' } | { phase: 'ready'; invite: InviteInfo } | { phase: 'gone' } | { phase: 'error'; message: string };

export function InvitePage({ code }: { code: string }) {
  usePageTitle('Join Andon');
  const { session, signedIn, signOut } = useSession();
  const signedInAs = session.phase === 'signed-in' ? session.user : null;
  const [, navigate] = useLocation();
  const [state, setState] = useState<InviteState>({ phase: 'loading' });
  const { busy, failure, submit } = useSubmit();

  useEffect(() => {
    let current = true;
    getInvite(code).then(
      (invite) => current && setState({ phase: 'ready', invite }),
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

  function join(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.phase !== 'ready') return;
    const form = new FormData(event.currentTarget);
    const body: AcceptInviteBody = {
      name: formText(form, 'name').trim(),
      password: formText(form, 'password'),
    };
    if (state.invite.email === null) body.email = formText(form, 'email').trim();
    void submit(async () => {
      try {
        signedIn(await acceptInvite(code, body));
        navigate('/', { replace: true });
      } catch (error) {
        // Used or expired while the form was open: say so instead of a form error.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        setState({ phase: 'gone' });
      }
    });
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Join Andon</h1>
      {state.phase === 'loading' && <p role="status">Checking your invite…</p>}
      {state.phase === 'gone' && (
        <p role="alert" className="alert alert--error">
          This invite link is not valid any more: it was used, it expired, or it was mistyped. Ask the
          person who invited you for a new one.
        </p>
      )}
      {state.phase === 'error' && (
        <p role="alert" className="alert alert--error">
          {state.message}
        </p>
      )}
      {state.phase === 'ready' && signedInAs && (
        <div className="stack">
          <p role="status" className="alert alert--info">
            You are signed in as <strong>{signedInAs.name}</strong> ({signedInAs.email}). This invite makes a new account: to
            accept it, sign out first (or open the link in another browser).
          </p>
          <button type="button" className="button button--primary" onClick={() => void signOut()}>
            Sign out to accept the invite
          </button>
        </div>
      )}
      {state.phase === 'ready' && !signedInAs && (
        <>
          <p className="lead">
            You have been invited to join as {state.invite.role === 'admin' ? 'an admin' : 'a member'}
            {state.invite.email ? ` with the email ${state.invite.email}` : ''}. Choose your name and a
            password. The invite is valid until {formatWhen(state.invite.expiresAt)}.
          </p>
          <form className="stack" onSubmit={join}>
            <FormAlert message={failure?.message} />
            <TextField label="Your name" name="name" required maxLength={NAME_MAX} autoComplete="name" autoFocus error={failure?.fields.name} />
            {state.invite.email === null && (
              <TextField label="Email" name="email" type="email" required maxLength={EMAIL_MAX} autoComplete="email" error={failure?.fields.email} />
            )}
            <NewPasswordField error={failure?.fields.password} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Joining…' : 'Join'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
