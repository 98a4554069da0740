import { Link } from 'wouter';
import type { Suggestions } from '../../../shared/learnings.ts';
import { countSuggestionOpen } from '../api/endpoints.ts';

/** A link to a suggested learning; following it counts as "opened from a suggestion" (best effort). */
export function SuggestionLink({ suggestion }: { suggestion: Suggestions['items'][number] }) {
  return (
    <Link href={`/learnings/${encodeURIComponent(suggestion.id)}`} onClick={() => void countSuggestionOpen(suggestion.id).catch(() => undefined)}>
      {suggestion.title}
    </Link>
  );
}
