import { useState, type FormEvent } from 'react';
import { EMAIL_MAX, NAME_MAX } from '../../../shared/limits.ts';
import { completeSetup } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formProblem, type FormProblem } from '../forms/form-problem.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { TextField } from '../forms/text-field.tsx';
import { useSession } from '../session/session-context.tsx';

export function SetupPage() {
  usePageTitle('Set up Andon');
  const { setupDone, recheck } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      const user = await completeSetup({
        name: String(form.get('name')).trim(),
        email: String(form.get('email')).trim(),
        password: String(form.get('password')),
      });
      setupDone(user);
    } catch (error) {
      // Someone else finished set-up first: go find out who we are now.
      if (error instanceof ApiError && error.status === 409) recheck();
      else setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Set up Andon</h1>
      <p className="lead">
        Create the first account. It will be an admin and can invite everyone else. An area called
        “General” is made for you.
      </p>
      <form className="stack" onSubmit={submit} noValidate={false}>
        <FormAlert message={problem?.message} />
        <TextField label="Your name" name="name" required maxLength={NAME_MAX} autoComplete="name" autoFocus error={problem?.fields.name} />
        <TextField label="Email" name="email" type="email" required maxLength={EMAIL_MAX} autoComplete="email" error={problem?.fields.email} />
        <NewPasswordField error={problem?.fields.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </div>
  );
}
