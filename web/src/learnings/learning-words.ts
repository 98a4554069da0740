import type { LearningTextField } from '../../../shared/learnings.ts';

/** The guided form's questions, in the product's words. */
export const FIELD_QUESTIONS: Record<LearningTextField, { label: string; hint: string }> = {
  summary: { label: 'What happened', hint: 'In a few sentences, for someone who was not there.' },
  expected: { label: 'What was expected instead', hint: 'The standard the problem deviated from.' },
  cause: { label: 'Why it happened', hint: 'Prefilled from the confirmed hypotheses.' },
  changes: { label: 'What was changed', hint: 'Prefilled from the actions on the timeline.' },
  detection: { label: 'How to see it sooner next time', hint: 'A check, an alert, a habit.' },
};

/** Turns "Database, Checkout page" into ["database", "checkout-page"]: tags are slugs. */
export function tagsFrom(text: string): string[] {
  const tags = text.split(',').map((t) => t.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean);
  return [...new Set(tags)];
}
