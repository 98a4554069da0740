import { useShowing, type ShownSuggestions } from './shown-suggestions.ts';
import { useSuggestions } from './use-suggestions.ts';
import { SuggestionLink } from './suggestion-link.tsx';
import './learnings.css';

/**
 * "Seen before?" under the pull page's title field: up to three past learnings like what is being
 * typed. It only reads; the pull never waits for it. What it showed goes into `shown`, which the
 * pull page reports.
 */
export function SeenBefore({ text, shown }: { text: string; shown: ShownSuggestions }) {
  const items = useSuggestions(text);
  useShowing(shown, items);
  return (
    <div className="seen-before" aria-live="polite">
      {items.length > 0 && (
        <>
          <p className="seen-before__title" aria-hidden="true">Seen before?</p>
          <ul className="seen-before__list" aria-label="Seen before?">
            {items.map((s) => (
              <li key={s.id}><SuggestionLink suggestion={s} /> <span className="muted">#{s.problemNumber}</span></li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
