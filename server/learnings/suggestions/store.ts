import type { Queryable } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';

// One row per learning, person and UTC day: fetching the suggestions again while typing, or
// opening the same one twice that day, counts once.

const DAY_MS = 86_400_000;
const dayOf = (at: number) => Math.floor(at / DAY_MS) * DAY_MS;

/** Shown: the published ones of `learningIds` (one may have been deleted since); others are passed over. */
export async function recordSuggestionsShown(tx: Queryable, learningIds: readonly string[], userId: string, at: number): Promise<void> {
  if (learningIds.length === 0) return;
  await tx.run(sql`insert into learning_suggestion_views (learning_id, user_id, day, shown_at, opened_at)
    select id, ${userId}, ${dayOf(at)}, ${at}, null from learnings where id in (${sql.join(learningIds)}) and state = 'published'
    on conflict (learning_id, user_id, day) do nothing`);
}

/** Opened: shown too, if that day's showing was not recorded (a page kept open across midnight). */
export async function recordSuggestionOpened(tx: Queryable, learningId: string, userId: string, at: number): Promise<void> {
  await tx.run(sql`insert into learning_suggestion_views (learning_id, user_id, day, shown_at, opened_at)
    values (${learningId}, ${userId}, ${dayOf(at)}, ${at}, ${at})
    on conflict (learning_id, user_id, day) do update set opened_at = coalesce(learning_suggestion_views.opened_at, excluded.opened_at)`);
}
