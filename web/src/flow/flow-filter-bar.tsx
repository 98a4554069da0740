import { useId } from 'react';
import type { Area } from '../../../shared/areas.ts';
import { FLOW_PERIOD_DAYS, FLOW_PERIOD_DEFAULT_DAYS } from '../../../shared/values/flow.ts';
import type { FlowFilters } from './flow-period.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Period and area, kept in the URL so a wall screen can be bookmarked as it is. */
export function FlowFilterBar({ filters, areas, onChange }: { filters: FlowFilters; areas: readonly Area[]; onChange: (next: FlowFilters) => void }) {
  const id = useId();
  const period = filters.days === null ? 'range' : String(filters.days);
  function choosePeriod(value: string) {
    if (value !== 'range') {
      onChange({ ...filters, days: Number(value), from: '', to: '' });
      return;
    }
    const to = today();
    const from = new Date(Date.parse(to) - (FLOW_PERIOD_DEFAULT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    onChange({ ...filters, days: null, from, to });
  }
  return (
    <div className="filter-bar" role="group" aria-label="Choose the period and area">
      <div className="field field--inline">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={period} onChange={(e) => choosePeriod(e.target.value)}>
          {FLOW_PERIOD_DAYS.map((days) => (
            <option key={days} value={days}>Last {days} days</option>
          ))}
          <option value="range">From – to</option>
        </select>
      </div>
      {filters.days === null && (
        <>
          <div className="field field--inline">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={filters.from} max={filters.to} required onChange={(e) => e.target.value && onChange({ ...filters, from: e.target.value })} />
          </div>
          <div className="field field--inline">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={filters.to} min={filters.from} required onChange={(e) => e.target.value && onChange({ ...filters, to: e.target.value })} />
          </div>
        </>
      )}
      <div className="field field--inline">
        <label htmlFor={`${id}-area`}>Area</label>
        <select id={`${id}-area`} value={filters.area} onChange={(e) => onChange({ ...filters, area: e.target.value })}>
          <option value="">All areas</option>
          {areas.map((a) => (
            <option key={a.slug} value={a.slug}>{a.name}</option>
          ))}
        </select>
      </div>
    </div>
  );
}
