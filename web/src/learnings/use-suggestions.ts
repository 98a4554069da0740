import { useEffect, useState } from 'react';
import type { Suggestions } from '../../../shared/learnings.ts';
import { suggestLearnings } from '../api/endpoints.ts';

/** Waits this long after the last keystroke, so typing costs one request, not one per key. */
export const SUGGEST_DELAY_MS = 250;
const MIN_LENGTH = 3;

/**
 * Learnings like `text`, fetched after typing pauses; an older answer never replaces a newer one
 * (each new text aborts the request before it). Failures only mean no suggestions.
 */
export function useSuggestions(text: string): Suggestions['items'] {
  const [answer, setAnswer] = useState<{ query: string; items: Suggestions['items'] }>({ query: '', items: [] });
  const query = text.trim();
  useEffect(() => {
    if (query.length < MIN_LENGTH) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      suggestLearnings(query, controller.signal).then(
        (found) => { if (!controller.signal.aborted) setAnswer({ query, items: found.items }); },
        () => undefined,
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  // While the next answer is on its way the last one stays, so the list does not flicker as one types.
  return query.length < MIN_LENGTH ? [] : answer.items;
}
