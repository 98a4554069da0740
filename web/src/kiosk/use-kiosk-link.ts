// What the kiosk page knows about its link: loading, ready (where pulls land), turned off or
// unknown (a clear page), or Andon not answering (tried again by itself).
import { useEffect, useState } from 'react';
import type { Kiosk } from '../../../shared/pull-links.ts';
import { ApiError } from '../api/http.ts';
import { getKiosk } from '../api/endpoints.ts';

export type KioskLink =
  | { phase: 'loading' }
  | { phase: 'ready'; kiosk: Kiosk }
  | { phase: 'off'; message: string }
  | { phase: 'unreachable' };

const RETRY_MS = 10_000;

/** A refusal that means the link itself no longer works (turned off, unknown), so the page says so instead. */
export function isLinkRefusal(status: number): boolean {
  return status === 404 || status === 410;
}

export function useKioskLink(code: string): [KioskLink, (message: string) => void] {
  const [link, setLink] = useState<KioskLink>({ phase: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = async () => {
      try {
        const kiosk = await getKiosk(code);
        if (!stopped) setLink({ phase: 'ready', kiosk });
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && isLinkRefusal(error.status)) {
          setLink({ phase: 'off', message: error.message });
          return;
        }
        setLink((current) => (current.phase === 'ready' ? current : { phase: 'unreachable' }));
        timer = setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [code]);
  return [link, (message) => setLink({ phase: 'off', message })];
}
