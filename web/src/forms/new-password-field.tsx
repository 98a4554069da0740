import { PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/limits.ts';
import { TextField } from './text-field.tsx';

/** A password a person picks (a new account, a change, a reset), with the server's own limits. */
export function NewPasswordField({ error, label = 'Password', name = 'password' }: { error?: string; label?: string; name?: string }) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      required
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      autoComplete="new-password"
      hint={`At least ${PASSWORD_MIN} characters.`}
      error={error}
    />
  );
}
