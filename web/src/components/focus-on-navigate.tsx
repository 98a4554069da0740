import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

/**
 * After moving to another page, put focus on its heading so screen-reader users hear where they are
 * — unless the page already focused something itself (the pull page's field).
 */
export function FocusOnNavigate() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const main = document.querySelector('main');
      if (main && main.contains(document.activeElement)) return;
      main?.querySelector<HTMLElement>('h1')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [location]);
  return null;
}
