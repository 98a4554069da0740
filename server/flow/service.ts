import { FLOW_PERIOD_DEFAULT_DAYS, FLOW_PERIOD_MAX_DAYS, WEEK_MS, type FlowQuery, type FlowReport } from '../../shared/flow.ts';
import { findAreaBySlug, listAreas } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { dayOf } from '../learnings/presenter.ts';
import { DISMISS_WORDING } from '../problems/status-change.ts';
import { figuresOf, type FlowRows } from './figures.ts';
import { mostRecurred } from './learnings/figures.ts';
import * as learningStore from './learnings/store.ts';
import { readProblemFigures } from './rollup/read.ts';
import { readAll } from './reads-in-turn.ts';
import { DAY_MS } from './store.ts';
import type * as store from './store.ts';


function periodOf(query: FlowQuery, now: number): { from: number; to: number } {
  const to = query.to === undefined ? now : Date.parse(query.to);
  const from = query.from === undefined ? to - FLOW_PERIOD_DEFAULT_DAYS * DAY_MS : Date.parse(query.from);
  if (from >= to) throw new ValidationError('from must be before to', [{ field: 'from', message: 'must be before to' }]);
  if (to - from > FLOW_PERIOD_MAX_DAYS * DAY_MS) {
    throw new ValidationError(`a period is at most ${FLOW_PERIOD_MAX_DAYS} days`, [{ field: 'from', message: `must be at most ${FLOW_PERIOD_MAX_DAYS} days before to` }]);
  }
  return { from, to };
}

/** The flow measures: how fast problems are answered, contained, resolved and learned from, per area. Never per person. */
export function createFlowService(db: Database, clock: Clock) {
  async function rowsOf(period: store.Period): Promise<FlowRows> {
    const now = clock.now();
    // A report reads many rows: off SQLite's event loop (its read workers), so pulls are not held up
    // behind it; on PostgreSQL in turn (see readAll and bench/README.md, the flow phase).
    const reads = db.reads;
    const inTurn = reads.dialect === 'postgres';
    const { pulls, areas } = await readProblemFigures(reads, period, now, DISMISS_WORDING, WEEK_MS, inTurn);
    const ids = mostRecurred([...areas.values()].map((figures) => figures.learnings));
    const [recurred, suggestions, spread, followUps] = await readAll(inTurn, [
      () => learningStore.describeLearnings(reads, ids),
      () => learningStore.countSuggestions(reads, period),
      () => learningStore.countSpread(reads, period),
      () => learningStore.countFollowUps(reads, period, dayOf(now)),
    ] as const);
    return { pulls, areas, learnings: { recurred: new Map(recurred.map((learning) => [learning.id, learning])), suggestions, spread, followUps } };
  }

  return {
    async report(query: FlowQuery): Promise<FlowReport> {
      const { from, to } = periodOf(query, clock.now());
      const area = query.area === undefined ? null : await findAreaBySlug(db, query.area);
      if (area === undefined) throw new NotFoundError('Area');
      const rows = await rowsOf({ from, to, areaId: area?.id ?? null });
      const pulled = new Set(rows.pulls.map((row) => row.areaId));
      // Every area that still pulls is listed, with nothing pulled too; an archived one only if it pulled then.
      const areas = area ? [area] : (await listAreas(db)).filter((a) => a.archivedAt === null || pulled.has(a.id));
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        area: area?.slug ?? null,
        all: figuresOf(rows, () => true, null, { from, to }),
        areas: areas.map((a) => ({
          slug: a.slug,
          name: a.name,
          responseTargetMinutes: a.responseTargetMinutes,
          ...figuresOf(rows, (id) => id === a.id, a.id, { from, to }),
        })),
      };
    },
  };
}

export type FlowService = ReturnType<typeof createFlowService>;
