import type { HistoryItem } from '../../shared/history.ts';
import type { HistoryRow } from './store.ts';

export function presentHistoryItem(row: HistoryRow): HistoryItem {
  return {
    number: row.number, title: row.title, area: row.areaSlug, areaName: row.areaName, level: row.level, status: row.status,
    raisedAt: new Date(row.raisedAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
