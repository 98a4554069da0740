import { useId } from 'react';
import type { Area } from '../../../shared/areas.ts';
import { LEVELS } from '../../../shared/values/problems.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';
import type { BoardFilters } from './board-lanes.ts';

interface BoardFilterBarProps {
  filters: BoardFilters;
  areas: readonly Area[];
  onChange: (filters: BoardFilters) => void;
}

/** Filters live in the URL (?area=…&level=…) so a wall screen can be bookmarked as it is. */
export function BoardFilterBar({ filters, areas, onChange }: BoardFilterBarProps) {
  const id = useId();
  const known = areas.some((a) => a.slug === filters.area);
  return (
    <div className="filter-bar" role="group" aria-label="Filter the board">
      <div className="field field--inline">
        <label htmlFor={`${id}-area`}>Area</label>
        <select id={`${id}-area`} value={filters.area} onChange={(e) => onChange({ ...filters, area: e.target.value })}>
          <option value="">All areas</option>
          {!known && filters.area && <option value={filters.area}>{filters.area}</option>}
          {areas.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
              {a.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-level`}>Level</label>
        <select
          id={`${id}-level`}
          value={filters.level}
          onChange={(e) => onChange({ ...filters, level: e.target.value as BoardFilters['level'] })}
        >
          <option value="">Help and Stop</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {LEVEL_LABEL[level]} only
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
