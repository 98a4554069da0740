import { FLOW_PERIOD_DAYS, FLOW_PERIOD_DEFAULT_DAYS } from '../../../shared/values/flow.ts';

const DAY_MS = 86_400_000;

/** The Flow page's filters, as they stand in the URL: ?days=7|30|90, or ?from=&to= (dates), and ?area=. */
export interface FlowFilters {
  days: number | null;
  from: string;
  to: string;
  area: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFlowFilters(params: URLSearchParams): FlowFilters {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const area = params.get('area') ?? '';
  if (DATE.test(from) && DATE.test(to)) return { days: null, from, to, area };
  const days = Number(params.get('days'));
  return { days: (FLOW_PERIOD_DAYS as readonly number[]).includes(days) ? days : FLOW_PERIOD_DEFAULT_DAYS, from: '', to: '', area };
}

export function flowSearch(filters: FlowFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.days === null) {
    query.set('from', filters.from);
    query.set('to', filters.to);
  } else query.set('days', String(filters.days));
  if (filters.area) query.set('area', filters.area);
  return query;
}

/** The API's from–to: the last `days` up to `now`, or whole days from `from` to the end of `to` (UTC). */
export function periodOf(filters: FlowFilters, now: number): { from: string; to: string } {
  if (filters.days !== null) return { from: new Date(now - filters.days * DAY_MS).toISOString(), to: new Date(now).toISOString() };
  return { from: `${filters.from}T00:00:00.000Z`, to: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS).toISOString() };
}
