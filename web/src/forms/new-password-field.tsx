import { PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/limits.ts';
import { TextField } from './text-field.tsx';

/** The password a person picks for a new account, with the server's own limits. */
export function NewPasswordField({ error }: { error?: string }) {
  return (
    <TextField
      label="Password"
      name="password"
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
