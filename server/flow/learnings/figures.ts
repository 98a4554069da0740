import { FLOW_TOP_LEARNINGS, type FlowFigures, type FlowRecurrence } from '../../../shared/flow.ts';
import type { DayFigures } from '../store.ts';
import type * as store from './store.ts';

export interface LearningRows {
  /** By id, the learnings among those that recurred most in some scope (see mostRecurred). */
  recurred: ReadonlyMap<string, store.RecurredLearning>;
  suggestions: Array<{ areaId: string; shown: number; opened: number }>;
  spread: store.SpreadRow[];
  followUps: store.FollowUpRow[];
}

type LearningFigures = Pick<FlowFigures, 'recurrence' | 'suggestions' | 'spread' | 'followUps'>;

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

type Recurred = Readonly<DayFigures['learnings']>;

/** The ids of the `FLOW_TOP_LEARNINGS` that recurred most: most often first, then the earliest problem's. */
function topIds(counts: Recurred): string[] {
  return Object.keys(counts).sort((a, b) => counts[b][0] - counts[a][0] || counts[a][1] - counts[b][1]).slice(0, FLOW_TOP_LEARNINGS);
}

/** The learnings to name in any scope: each area's (`byArea`, per learning how often it recurred there) and all areas' together. */
export function mostRecurred(byArea: readonly Recurred[]): string[] {
  const all: DayFigures['learnings'] = {};
  for (const counts of byArea) for (const id in counts) all[id] = [(Object.hasOwn(all, id) ? all[id][0] : 0) + counts[id][0], counts[id][1]];
  return [...new Set([all, ...byArea].flatMap(topIds))];
}

function topLearnings(counts: Recurred, recurred: LearningRows['recurred']): FlowRecurrence['learnings'] {
  return topIds(counts).flatMap((id) => {
    const learning = recurred.get(id);
    return learning ? [{ id, title: learning.title, problemNumber: learning.problemNumber, area: learning.areaSlug, count: counts[id][0] }] : [];
  });
}

/**
 * The learning figures of one scope: `inScope` picks the areas' rows, `scope` is the area's id or
 * null for every area (whose spread counts each member once, however many areas they are in);
 * `recurring`: the scope's problems that recurred, and per learning how many (counted with the problems' figures).
 */
export function learningFiguresOf(
  rows: LearningRows, inScope: (areaId: string) => boolean, scope: string | null, pulls: number, recurring: { problems: number; byLearning: Recurred },
): LearningFigures {
  const suggestions = rows.suggestions.filter((r) => inScope(r.areaId));
  const shown = sum(suggestions, (r) => r.shown);
  const opened = sum(suggestions, (r) => r.opened);
  const spread = rows.spread.filter((r): r is store.SpreadRow & { areaId: string } => r.areaId !== null && inScope(r.areaId));
  const acknowledged = sum(spread, (r) => r.acknowledged);
  const of = sum(spread, (r) => r.learnings * r.members);
  const followUps = rows.followUps.filter((r) => inScope(r.areaId));
  const total = sum(followUps, (r) => r.total);
  const done = sum(followUps, (r) => r.done);
  return {
    recurrence: { problems: recurring.problems, share: share(recurring.problems, pulls), learnings: topLearnings(recurring.byLearning, rows.recurred) },
    suggestions: { shown, opened, share: share(opened, shown) },
    spread: {
      learnings: sum(spread, (r) => r.learnings),
      members: rows.spread.find((r) => r.areaId === scope)?.members ?? 0,
      acknowledged,
      of,
      share: share(acknowledged, of),
    },
    followUps: { total, done, open: total - done, overdue: sum(followUps, (r) => r.overdue) },
  };
}
