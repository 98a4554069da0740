import type { SubmitEvent } from 'react';
import { EMAIL_MAX, NAME_MAX } from '../../../shared/limits.ts';
import { completeSetup } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useSession } from '../session/session-context.tsx';

export function SetupPage() {
  usePageTitle('Set up Andon');
  const { setupDone, recheck } = useSession();
  const { busy, failure, submit } = useSubmit();

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(async () => {
      try {
        setupDone(
          await completeSetup({
            name: formText(form, 'name').trim(),
            email: formText(form, 'email').trim(),
            password: formText(form, 'password'),
          }),
        );
      } catch (error) {
        // Someone else finished set-up first: go find out who we are now.
        if (!(error instanceof ApiError && error.status === 409)) throw error;
        recheck();
      }
    });
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Set up Andon</h1>
      <p className="lead">
        Create the first account. It will be an admin and can invite everyone else. An area called
        “General” is made for you.
      </p>
      <form className="stack" onSubmit={create} noValidate={false}>
        <FormAlert message={failure?.message} />
        <TextField label="Your name" name="name" required maxLength={NAME_MAX} autoComplete="name" autoFocus error={failure?.fields.name} />
        <TextField label="Email" name="email" type="email" required maxLength={EMAIL_MAX} autoComplete="email" error={failure?.fields.email} />
        <NewPasswordField error={failure?.fields.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </div>
  );
}
