import { useMemo, useState } from 'react';
import type { Problem } from '../../../shared/problems.ts';
import { linkRecurrence } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useShowing, useShownSuggestions } from './shown-suggestions.ts';
import { SuggestionLink } from './suggestion-link.tsx';
import { useSuggestions } from './use-suggestions.ts';
import './learnings.css';

/** Past learnings like this problem, each with "This happened before" to link it as a recurrence. */
export function SimilarLearnings({ problem }: { problem: Problem }) {
  const suggested = useSuggestions(problem.title);
  const items = useMemo(() => suggested.filter((s) => s.problemNumber !== problem.number), [suggested, problem.number]);
  useShowing(useShownSuggestions(), items);
  const [linked, setLinked] = useState<ReadonlySet<string>>(new Set());
  const linking = useSubmit();
  if (items.length === 0) return null;
  const link = (id: string) => void linking.submit(async () => {
    await linkRecurrence(problem.number, id);
    setLinked((before) => new Set([...before, id]));
    return 'Linked as a recurrence.';
  });
  return (
    <section aria-labelledby="similar-title" className="problem-page__section">
      <h2 id="similar-title">Similar past learnings</h2>
      <ul className="similar-learnings">
        {items.map((s) => (
          <li key={s.id}>
            <SuggestionLink suggestion={s} />{' '}
            {linked.has(s.id) ? <span className="muted">Linked: this happened before</span> : (
              <button type="button" className="button button--quiet button--small" disabled={linking.busy} onClick={() => link(s.id)}>
                This happened before<span className="visually-hidden">: {s.title}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormAlert message={linking.failure?.message} />
      <p role="status" className="visually-hidden">{linking.done}</p>
    </section>
  );
}
