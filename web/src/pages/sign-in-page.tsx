import type { SubmitEvent } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { EMAIL_MAX, PASSWORD_MAX } from '../../../shared/limits.ts';
import { signIn } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formProblem, type FormProblem } from '../forms/form-problem.ts';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useSession } from '../session/session-context.tsx';

/** Only same-site paths, so a crafted ?next= cannot send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

// A 401 here is the answer to this form, not an expired session; it does not say which part was wrong.
function explainSignIn(error: unknown): FormProblem {
  if (error instanceof ApiError && error.status === 401) return { message: 'That email and password do not match an account.', fields: {} };
  return formProblem(error);
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { signedIn } = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const { busy, failure, submit } = useSubmit(explainSignIn);

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(async () => {
      signedIn(await signIn({ email: formText(form, 'email').trim(), password: formText(form, 'password') }));
      navigate(safeNext(params.get('next')), { replace: true });
    });
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Sign in</h1>
      <form className="stack" onSubmit={send}>
        <FormAlert message={failure?.message} />
        <TextField label="Email" name="email" type="email" required maxLength={EMAIL_MAX} autoComplete="username" autoFocus />
        <TextField label="Password" name="password" type="password" required maxLength={PASSWORD_MAX} autoComplete="current-password" />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">No account, or forgot your password? Ask an admin of your Andon for an invite or a password-reset link.</p>
    </div>
  );
}
