import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { describeError } from '../api/http.ts';

export interface LoadedList<T> {
  /** null until the first answer. */
  items: T[] | null;
  /** For a change made here that the page shows without asking again (a revoked row taken out). */
  setItems: Dispatch<SetStateAction<T[] | null>>;
  /** Why the list could not be loaded, or why a change to it failed; null when it loaded. */
  error: string | null;
  setError: Dispatch<SetStateAction<string | null>>;
  /** Asks again, after a change the server makes to the list (a row added, turned off). */
  reload: () => void;
}

/**
 * A list a settings section shows: loaded when `of` is chosen and again when it changes, with the
 * error a person reads when it could not be. `of` is what the list is of (an area's slug, a
 * webhook's id), null while there is nothing to list; `listFn` is an endpoint from api/endpoints.ts
 * (the same function on every render, or the list would load on every render).
 */
export function useList<T>(of: string | null, listFn: (of: string) => Promise<{ items: T[] }>): LoadedList<T> {
  // The rows are kept with what they are of, so another area's rows are never shown while this one's
  // load: their buttons would act on the wrong area.
  const [loaded, setLoaded] = useState<{ of: string | null; items: T[] | null }>({ of, items: null });
  const items = loaded.of === of ? loaded.items : null;
  const [error, setError] = useState<string | null>(null);
  const setItems = useCallback<Dispatch<SetStateAction<T[] | null>>>(
    (next) => setLoaded((before) => {
      const current = before.of === of ? before.items : null;
      return { of, items: typeof next === 'function' ? next(current) : next };
    }),
    [of],
  );
  // Only the newest question's answer is shown: on a busy server the answer for the area chosen a
  // moment ago can come after the one for the area chosen now, and must not replace it.
  const newest = useRef(0);
  const reload = useCallback(() => {
    if (of === null) return;
    const asked = ++newest.current;
    listFn(of).then(
      (list) => {
        if (asked !== newest.current) return;
        setLoaded({ of, items: list.items });
        setError(null);
      },
      (e: unknown) => {
        if (asked === newest.current) setError(describeError(e));
      },
    );
  }, [of, listFn]);
  useEffect(reload, [reload]);
  return { items, setItems, error, setError, reload };
}

/** An area's list (its integrations, pull links, webhooks); nothing is loaded while no area is chosen (''). */
export function useAreaList<T>(area: string, listFn: (area: string) => Promise<{ items: T[] }>): LoadedList<T> {
  return useList(area || null, listFn);
}

const ORGANISATION = 'organisation';

/** A list of the whole organisation (its people, tokens, invites). */
export function useOrganisationList<T>(listFn: () => Promise<{ items: T[] }>): LoadedList<T> {
  return useList(ORGANISATION, listFn);
}
