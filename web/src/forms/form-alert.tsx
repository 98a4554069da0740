/** The form-level error, announced as soon as it appears. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" className={message ? 'alert alert--error' : 'alert alert--empty'}>
      {message}
    </div>
  );
}
