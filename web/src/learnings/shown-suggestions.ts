import { useEffect, useState } from 'react';
import { SUGGESTIONS_SHOWN_MAX } from '../../../shared/values/learnings.ts';
import { reportSuggestionsShown } from '../api/endpoints.ts';

/** The suggestions a page has shown during this visit, reported to the flow measures in one request. */
export interface ShownSuggestions {
  add(learningIds: readonly string[]): void;
  /** Sends what was shown and not yet reported (best effort: a lost report only undercounts). */
  report(): void;
}

function createShownSuggestions(): ShownSuggestions {
  const unreported = new Set<string>();
  const reported = new Set<string>();
  return {
    add(learningIds) {
      for (const id of learningIds) if (!reported.has(id)) unreported.add(id);
    },
    report() {
      if (unreported.size === 0) return;
      const learningIds = [...unreported].slice(0, SUGGESTIONS_SHOWN_MAX);
      unreported.clear();
      for (const id of learningIds) reported.add(id);
      void reportSuggestionsShown({ learningIds }).catch(() => undefined);
    },
  };
}

/**
 * Collects what is shown while someone types, and reports it once: when the page says (a pull was
 * sent), when the page goes away, or when the tab is hidden for good. Not at each answer: typing
 * must cost no write.
 */
export function useShownSuggestions(): ShownSuggestions {
  const [shown] = useState(createShownSuggestions);
  useEffect(() => {
    const onPageHide = () => shown.report();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      shown.report();
    };
  }, [shown]);
  return shown;
}

/** Adds the learnings on screen to what this visit has shown. */
export function useShowing(shown: ShownSuggestions, items: ReadonlyArray<{ id: string }>): void {
  useEffect(() => shown.add(items.map((item) => item.id)), [shown, items]);
}
