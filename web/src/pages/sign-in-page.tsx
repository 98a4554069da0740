import { useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { EMAIL_MAX, PASSWORD_MAX } from '../../../shared/limits.ts';
import { signIn } from '../api/endpoints.ts';
import { ApiError, describeError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { TextField } from '../forms/text-field.tsx';
import { useSession } from '../session/session-context.tsx';

/** Only same-site paths, so a crafted ?next= cannot send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { signedIn } = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setMessage(null);
    try {
      const user = await signIn({ email: String(form.get('email')).trim(), password: String(form.get('password')) });
      signedIn(user);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 401 ? 'That email and password do not match an account.' : describeError(error));
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Sign in</h1>
      <form className="stack" onSubmit={submit}>
        <FormAlert message={message} />
        <TextField label="Email" name="email" type="email" required maxLength={EMAIL_MAX} autoComplete="username" autoFocus />
        <TextField label="Password" name="password" type="password" required maxLength={PASSWORD_MAX} autoComplete="current-password" />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">No account? Ask an admin of your Andon for an invite link.</p>
    </div>
  );
}
