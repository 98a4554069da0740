import { useEffect } from 'react';
import type { Problem } from '../../../shared/problems.ts';
import { isOpenStatus } from '../../../shared/status-lifecycle.ts';

const FAVICON = '/favicon.svg';

export function openStops(problems: Iterable<Problem>): number {
  let count = 0;
  for (const problem of problems) if (problem.level === 'stop' && isOpenStatus(problem.status)) count += 1;
  return count;
}

/** "2 STOPS OPEN": what the banner, the tab title and the favicon all say. */
export function stopsOpenText(count: number): string {
  return `${count} ${count === 1 ? 'STOP' : 'STOPS'} OPEN`;
}

/**
 * The favicon with the count of open Stops on a red disc, as an SVG data URL: the Content-Security-
 * Policy allows `data:` images, and a tab in the background still shows it.
 */
export function stopFavicon(count: number): string {
  const label = count > 99 ? '99+' : String(count);
  const size = label.length > 2 ? 12 : label.length > 1 ? 16 : 20;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<circle cx="16" cy="16" r="16" fill="#c62828"/>` +
    `<text x="16" y="16" dy="0.35em" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-size="${size}" fill="#fff">${label}</text>` +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Puts the count of open Stops in the tab's favicon while there are any, and the usual icon back after. */
export function useStopFavicon(count: number): void {
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) return;
    link.href = count > 0 ? stopFavicon(count) : FAVICON;
    return () => {
      link.href = FAVICON;
    };
  }, [count]);
}
