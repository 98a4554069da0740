import type { HistoryQuery } from '../../shared/history.ts';
import { PAGE_LIMIT_DEFAULT } from '../../shared/limits.ts';
import { findAreaBySlug } from '../areas/store.ts';
import type { Database } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { listClosedProblems, type HistoryFilter, type HistoryRow } from './store.ts';

const DAY_MS = 86_400_000;
const startOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function createHistoryService(db: Database) {
  return {
    /** One page of closed problems and the cursor of the next (null on the last page). */
    async list(query: HistoryQuery): Promise<{ rows: HistoryRow[]; nextCursor: string | null }> {
      const filter: HistoryFilter = {};
      const q = query.q?.trim();
      if (q) filter.titleContains = q;
      if (query.area) {
        const area = await findAreaBySlug(db, query.area);
        if (!area) throw new NotFoundError('Area');
        filter.areaId = area.id;
      }
      if (query.from) filter.raisedFrom = startOfDay(query.from);
      if (query.to) filter.raisedBefore = startOfDay(query.to) + DAY_MS;
      if (filter.raisedFrom !== undefined && filter.raisedBefore !== undefined && filter.raisedFrom >= filter.raisedBefore) {
        throw new ValidationError('The period ends before it starts', [{ field: 'to', message: 'must be on or after from' }]);
      }
      if (query.cursor) {
        const [raisedAt, number] = query.cursor.split('.').map(Number);
        filter.after = { raisedAt, number };
      }
      const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
      const rows = await listClosedProblems(db, filter, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { rows: page, nextCursor: rows.length > limit && last ? `${last.raisedAt}.${last.number}` : null };
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
