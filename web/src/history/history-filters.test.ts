import { describe, expect, it } from 'vitest';
import { historySearch, readHistoryFilters } from './history-filters.ts';

describe('history filters in the URL', () => {
  it('round-trips the filters, a % in the search included', () => {
    const filters = { q: '100% full', area: 'packing', from: '2026-11-01', to: '2026-11-30' };
    expect(readHistoryFilters(new URLSearchParams(historySearch(filters)))).toEqual(filters);
  });

  it('drops empty values and mangled dates', () => {
    expect(readHistoryFilters(new URLSearchParams('q=%20%20&area=&from=yesterday&to=2026-11-30'))).toEqual({ to: '2026-11-30' });
    expect(historySearch({ q: '', area: 'general' })).toBe('area=general');
  });
});
