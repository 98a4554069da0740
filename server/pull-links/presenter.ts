import { PULL_LINK_PATH, type Kiosk, type KioskPull, type PullLink } from '../../shared/pull-links.ts';
import type { Problem } from '../../shared/problems.ts';
import type { PullLinkWithArea } from './store.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `origin` is where people reach Andon (PUBLIC_URL, or the request's host): the URL goes on a printed card. */
export function presentPullLink(row: PullLinkWithArea, origin: string): PullLink {
  return {
    id: row.id,
    area: row.areaSlug,
    areaName: row.areaName,
    label: row.label,
    code: row.code,
    url: `${origin}${PULL_LINK_PATH}${row.code}`,
    createdAt: new Date(row.createdAt).toISOString(),
    lastPulledAt: iso(row.lastPulledAt),
    revokedAt: iso(row.revokedAt),
  };
}

export function presentKiosk(row: PullLinkWithArea): Kiosk {
  return { area: row.areaSlug, areaName: row.areaName, label: row.label };
}

export function presentKioskPull(problem: Problem, areaName: string): KioskPull {
  return { number: problem.number, title: problem.title, level: problem.level, areaName, raisedAt: problem.raisedAt };
}
