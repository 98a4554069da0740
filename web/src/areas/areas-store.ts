// Areas are read by almost every page; one cached copy (also kept in localStorage so the pull page's
// area picker works while the server is unreachable) serves them all.
import { useEffect, useSyncExternalStore } from 'react';
import type { Area } from '../../../shared/areas.ts';
import { listAreas } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { readStored, writeStored } from '../browser/stored-value.ts';

const CACHE_KEY = 'andon.areas';

interface AreasSnapshot {
  areas: Area[];
  loaded: boolean;
  error: unknown;
}

let snapshot: AreasSnapshot = { areas: readStored<Area[]>(CACHE_KEY, []), loaded: false, error: null };
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: AreasSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

/** `first`: asked as the app starts, before the session is known (see FirstRequestOptions). */
export function reloadAreas({ first = false } = {}): Promise<void> {
  inFlight ??= listAreas({ expectUnauthorized: first })
    .then(({ items }) => {
      writeStored(CACHE_KEY, items);
      publish({ areas: items, loaded: true, error: null });
    })
    // Asked before the session is known, a 401 only says nobody is signed in yet: no page shows areas then.
    .catch((error: unknown) => {
      if (!(first && error instanceof ApiError && error.status === 401)) publish({ ...snapshot, error });
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** After a create or update, so every page sees the change without refetching. */
export function rememberArea(area: Area): void {
  const others = snapshot.areas.filter((a) => a.id !== area.id);
  const areas = [...others, area].sort((a, b) => a.name.localeCompare(b.name));
  writeStored(CACHE_KEY, areas);
  publish({ ...snapshot, areas });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAreas(): AreasSnapshot {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (!snapshot.loaded) void reloadAreas();
  }, []);
  return current;
}

export function areaName(areas: readonly Area[], slug: string): string {
  return areas.find((a) => a.slug === slug)?.name ?? slug;
}
