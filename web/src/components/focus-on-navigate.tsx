import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

/**
 * After moving to another page, put focus on its heading so screen-reader users hear where they are
 * — unless the page already focused something itself (the pull page's field). A page opened for the
 * first time shows its heading once its chunk has arrived (web/src/pages/lazy-pages.ts): wait for it.
 */
export function FocusOnNavigate() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.querySelector('main');
    if (!main) return;
    /** Answers true once there was nothing more to do: focus moved to the heading, or the page took it. */
    const focusHeading = () => {
      if (main.contains(document.activeElement)) return true;
      const heading = main.querySelector<HTMLElement>('h1');
      heading?.focus();
      return heading !== null;
    };
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    const frame = requestAnimationFrame(() => {
      if (!focusHeading()) observer.observe(main, { childList: true, subtree: true });
    });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [location]);
  return null;
}
