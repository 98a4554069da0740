import type { Area } from '../../../shared/areas.ts';
import { readStored, writeStored } from '../browser/stored-value.ts';

const LAST_AREA_KEY = 'andon.pull.last-area';

export function rememberAreaChoice(slug: string): void {
  writeStored(LAST_AREA_KEY, slug);
}

/** The last area this person pulled in, if it still takes pulls; otherwise General, or the first. */
export function initialAreaChoice(areas: readonly Area[]): string {
  const open = areas.filter((a) => !a.archived);
  const last = readStored<string | null>(LAST_AREA_KEY, null);
  if (last && open.some((a) => a.slug === last)) return last;
  return open.find((a) => a.slug === 'general')?.slug ?? open.at(0)?.slug ?? '';
}
