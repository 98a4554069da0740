/** The text a form sent under `name`; '' when it has no such field (FormData.get answers null, or a File for a file input). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
