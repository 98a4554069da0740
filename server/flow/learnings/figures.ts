import { FLOW_TOP_LEARNINGS, type FlowFigures, type FlowRecurrence } from '../../../shared/flow.ts';
import type * as store from './store.ts';

export interface LearningRows {
  recurrences: store.RecurrenceRow[];
  suggestions: Array<{ areaId: string; shown: number; opened: number }>;
  spread: store.SpreadRow[];
  followUps: store.FollowUpRow[];
}

type LearningFigures = Pick<FlowFigures, 'recurrence' | 'suggestions' | 'spread' | 'followUps'>;

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

function topLearnings(rows: readonly store.RecurrenceRow[]): FlowRecurrence['learnings'] {
  const byLearning = new Map<string, FlowRecurrence['learnings'][number]>();
  for (const row of rows) {
    const entry = byLearning.get(row.learningId) ?? { id: row.learningId, title: row.title, problemNumber: row.problemNumber, area: row.areaSlug, count: 0 };
    entry.count += row.count;
    byLearning.set(row.learningId, entry);
  }
  return [...byLearning.values()].sort((a, b) => b.count - a.count || a.problemNumber - b.problemNumber).slice(0, FLOW_TOP_LEARNINGS);
}

/**
 * The learning figures of one scope: `inScope` picks the areas' rows, `scope` is the area's id or
 * null for every area (whose spread counts each member once, however many areas they are in);
 * `recurring`: the scope's problems that recurred (counted with the problems' figures).
 */
export function learningFiguresOf(rows: LearningRows, inScope: (areaId: string) => boolean, scope: string | null, pulls: number, recurring: number): LearningFigures {
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
    recurrence: { problems: recurring, share: share(recurring, pulls), learnings: topLearnings(rows.recurrences.filter((r) => inScope(r.areaId))) },
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
