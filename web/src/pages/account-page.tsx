import { useId, type SubmitEvent } from 'react';
import { NAME_MAX, PASSWORD_MAX } from '../../../shared/limits.ts';
import { changePassword, updateMe } from '../api/endpoints.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { NewPasswordField } from '../forms/new-password-field.tsx';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useSession, useUser } from '../session/session-context.tsx';

/** A person's own account: their name and their password. */
export function AccountPage() {
  usePageTitle('Your account');
  const id = useId();
  const user = useUser();
  const { signedIn } = useSession();
  const naming = useSubmit();
  const password = useSubmit();

  function rename(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = formText(new FormData(event.currentTarget), 'name').trim();
    void naming.submit(async () => {
      signedIn(await updateMe({ name }));
      return 'Your name is saved.';
    });
  }

  function change(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void password.submit(async () => {
      await changePassword({ currentPassword: formText(form, 'currentPassword'), newPassword: formText(form, 'newPassword') });
      formElement.reset();
      return 'Your password is changed. You stay signed in here; everywhere else you were signed in has been signed out.';
    });
  }

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Your account</h1>
      <p className="lead">
        Signed in as {user.email}, {user.role === 'admin' ? 'an admin' : 'a member'}.
      </p>
      <section className="settings-section" aria-labelledby={`${id}-name`}>
        <h2 id={`${id}-name`}>Name</h2>
        <form className="stack" onSubmit={rename}>
          <FormAlert message={naming.failure?.message} />
          <TextField label="Your name" name="name" required maxLength={NAME_MAX} autoComplete="name" defaultValue={user.name} error={naming.failure?.fields.name} />
          <button type="submit" className="button button--primary" disabled={naming.busy}>
            Save name
          </button>
          <p role="status" className="muted">
            {naming.done}
          </p>
        </form>
      </section>
      <section className="settings-section" aria-labelledby={`${id}-password`}>
        <h2 id={`${id}-password`}>Password</h2>
        <form className="stack" onSubmit={change}>
          <FormAlert message={password.failure?.message} />
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            required
            maxLength={PASSWORD_MAX}
            autoComplete="current-password"
            error={password.failure?.fields.currentPassword}
          />
          <NewPasswordField label="New password" name="newPassword" error={password.failure?.fields.newPassword} />
          <button type="submit" className="button button--primary" disabled={password.busy}>
            {password.busy ? 'Changing…' : 'Change password'}
          </button>
          <p role="status" className="muted">
            {password.done}
          </p>
        </form>
      </section>
    </div>
  );
}
