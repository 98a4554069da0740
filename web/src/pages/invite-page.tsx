import type { SubmitEvent } from 'react';
import { useLocation } from 'wouter';
import type { AcceptInviteBody } from '../../../shared/accounts.ts';
import { EMAIL_MAX, NAME_MAX } from '../../../shared/limits.ts';
import { acceptInvite, getInvite } from '../api/endpoints.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { formatWhen } from '../problems/format-age.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { TextField } from '../forms/text-field.tsx';
import { OneTimeLinkStatus, useOneTimeLink } from '../forms/use-one-time-link.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useSession } from '../session/session-context.tsx';

export function InvitePage({ code }: { code: string }) {
  usePageTitle('Join Andon');
  const { session, signedIn, signOut } = useSession();
  const signedInAs = session.phase === 'signed-in' ? session.user : null;
  const [, navigate] = useLocation();
  const { link, use } = useOneTimeLink(code, getInvite);
  const { busy, failure, submit } = useSubmit();

  function join(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (link.phase !== 'ready') return;
    const form = new FormData(event.currentTarget);
    const body: AcceptInviteBody = {
      name: formText(form, 'name').trim(),
      password: formText(form, 'password'),
    };
    if (link.info.email === null) body.email = formText(form, 'email').trim();
    void submit(() =>
      use(async () => {
        signedIn(await acceptInvite(code, body));
        navigate('/', { replace: true });
      }),
    );
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Join Andon</h1>
      <OneTimeLinkStatus
        link={link}
        checking="Checking your invite…"
        gone="This invite link is not valid any more: it was used, it expired, or it was mistyped. Ask the person who invited you for a new one."
      />
      {link.phase === 'ready' && signedInAs && (
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
      {link.phase === 'ready' && !signedInAs && (
        <>
          <p className="lead">
            You have been invited to join as {link.info.role === 'admin' ? 'an admin' : 'a member'}
            {link.info.email ? ` with the email ${link.info.email}` : ''}. Choose your name and a
            password. The invite is valid until {formatWhen(link.info.expiresAt)}.
          </p>
          <form className="stack" onSubmit={join}>
            <FormAlert message={failure?.message} />
            <TextField label="Your name" name="name" required maxLength={NAME_MAX} autoComplete="name" autoFocus error={failure?.fields.name} />
            {link.info.email === null && (
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
