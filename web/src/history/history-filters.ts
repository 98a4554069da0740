import type { HistoryQuery } from '../../../shared/history.ts';

/** The filters that live in the URL (`/history?q=…&area=…&from=…&to=…`), so a link shares them. */
export const HISTORY_FILTER_KEYS = ['q', 'area', 'from', 'to'] as const;
export type HistoryFilters = Pick<HistoryQuery, (typeof HISTORY_FILTER_KEYS)[number]>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readHistoryFilters(params: URLSearchParams): HistoryFilters {
  const filters: HistoryFilters = {};
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  const area = params.get('area');
  if (area) filters.area = area;
  // A mangled date in a pasted link is dropped rather than answered with an error page.
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value && DATE.test(value)) filters[key] = value;
  }
  return filters;
}

export function historySearch(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  for (const key of HISTORY_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}
