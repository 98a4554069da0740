import { describe, expect, it } from 'vitest';
import { flowSearch, periodOf, readFlowFilters } from './flow-period.ts';

describe('the Flow page filters', () => {
  it('read the last 7, 30 or 90 days from the URL, 30 by default', () => {
    expect(readFlowFilters(new URLSearchParams('days=7&area=press'))).toEqual({ days: 7, from: '', to: '', area: 'press' });
    expect(readFlowFilters(new URLSearchParams('days=12')).days).toBe(30);
    expect(readFlowFilters(new URLSearchParams('')).days).toBe(30);
  });

  it('read a from–to of whole days, up to the end of the last one', () => {
    const filters = readFlowFilters(new URLSearchParams('from=2026-11-01&to=2026-11-30'));
    expect(filters.days).toBeNull();
    expect(periodOf(filters, 0)).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(flowSearch(filters).toString()).toBe('from=2026-11-01&to=2026-11-30');
  });

  it('count the last days back from now', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z');
    expect(periodOf({ days: 7, from: '', to: '', area: '' }, now)).toEqual({ from: '2026-11-24T12:00:00.000Z', to: '2026-12-01T12:00:00.000Z' });
  });
});
