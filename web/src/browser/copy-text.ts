/**
 * Copies text, falling back to selecting it in the given input: the Clipboard API only exists on
 * secure origins, and a self-hosted Andon is often reached over plain http on a LAN.
 */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    // Where there is no Clipboard API, writeText throws and the fallback below runs.
    if (window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection fallback.
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only way to copy on a plain-http origin, where the Clipboard API is missing
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
