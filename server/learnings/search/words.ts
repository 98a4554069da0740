import { SEARCH_QUERY_MAX } from '../../../shared/learnings.ts';

/** More words than this in one search only slow it down without narrowing it. */
export const SEARCH_WORDS_MAX = 16;
const WORD_MAX = 64;

/**
 * The words of what someone typed, lower-cased: runs of letters and digits, nothing else. Quotes,
 * stars, brackets, `NEAR`, `OR`, minus signs are separators here, so no input is query syntax.
 * FTS5's bare keywords (AND, OR, NOT, NEAR) are quoted by the store like any other word.
 */
export function searchWords(text: string): string[] {
  const words = text.slice(0, SEARCH_QUERY_MAX).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((word) => word.slice(0, WORD_MAX)))].slice(0, SEARCH_WORDS_MAX);
}
