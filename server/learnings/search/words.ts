import { SEARCH_QUERY_MAX } from '../../../shared/learnings.ts';
import { STOP_WORDS } from './stop-words.ts';

/** More words than this in one search only slow it down without narrowing it. */
export const SEARCH_WORDS_MAX = 16;
const WORD_MAX = 64;

/**
 * The words of what someone typed, lower-cased: runs of letters and digits, nothing else. Quotes,
 * stars, brackets, `NEAR`, `OR`, minus signs are separators here, so no input is query syntax.
 * FTS5's bare keywords (AND, OR, NOT, NEAR) are quoted by the store like any other word. Stop words
 * ("the", "was") are left out, as PostgreSQL does: words of those alone find nothing.
 */
export function searchWords(text: string): string[] {
  const words = text.slice(0, SEARCH_QUERY_MAX).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.map((word) => word.slice(0, WORD_MAX)).filter((word) => !STOP_WORDS.has(word));
  return [...new Set(kept)].slice(0, SEARCH_WORDS_MAX);
}

/**
 * The words of what someone is typing, and whether the last of them is still being typed: it is
 * when the text ends in it. A finished word ("checkout ") or a last word left out as a stop word
 * ("checkout t") leaves the word before it whole, not a prefix of longer ones.
 */
export function typedWords(text: string): { words: string[]; lastHalfTyped: boolean } {
  const words = searchWords(text);
  const typing = /[\p{L}\p{N}]+$/u.exec(text.slice(0, SEARCH_QUERY_MAX).toLowerCase())?.[0].slice(0, WORD_MAX);
  return { words, lastHalfTyped: typing !== undefined && words.at(-1) === typing };
}
