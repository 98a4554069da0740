// What the browser needs of this capability at run time, free of TypeBox: its schemas (../learnings.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import { DETAILS_MAX } from '../limits.ts';

export const LEARNING_FIELD_MAX = DETAILS_MAX;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;
export const FOLLOW_UPS_MAX = 50;
export const FOLLOW_UP_TEXT_MAX = 500;
/** A search is words: longer input is refused, not truncated. */
export const SEARCH_QUERY_MAX = 500;
export const SUGGESTIONS_MAX = 3;
/** One page visit's worth of suggestions shown, reported at once (a person types several queries). */
export const SUGGESTIONS_SHOWN_MAX = 30;
export const SEARCH_PAGE_SIZE = 20;

/** The Markdown fields of a learning, in the order the form and the export show them. */
export const LEARNING_TEXT_FIELDS = ['summary', 'expected', 'cause', 'changes', 'detection'] as const;
export type LearningTextField = (typeof LEARNING_TEXT_FIELDS)[number];
