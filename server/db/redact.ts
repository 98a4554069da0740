/** The URL to show in a message: everything but the password. */
export function redactedDatabaseUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return shown.href;
}
