import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { FlowReport } from '../../../shared/flow.ts';

export type Scope = FlowReport['areas'][number];

export interface FlowColumn<Row> {
  header: ReactNode;
  /** Where headers are made from data (one column per area), what tells them apart. */
  key?: string;
  cell: (row: Row) => ReactNode;
  /** Counts and shares line up on the right, to be compared down the column. */
  numeric?: boolean;
}

/** A header cell spanning a group of rows (an area's measures), shown once for the group. */
export interface FlowRowGroup<Row> {
  header: ReactNode;
  size: number;
  cell: (row: Row) => ReactNode;
}

interface FlowTableProps<Row> {
  caption: ReactNode;
  /** A line under the caption that says what the figures count. */
  note?: ReactNode;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  group?: FlowRowGroup<Row>;
  /** The header of each row (`th scope="row"`), the column a reader finds a row by. */
  rowHeader: FlowColumn<Row>;
  columns: readonly FlowColumn<Row>[];
}

const columnKey = <Row,>(column: FlowColumn<Row>, index: number) => column.key ?? String(index);
const alignment = <Row,>(column: FlowColumn<Row>) => (column.numeric ? 'flow-table__number' : undefined);

/** One table of the Flow page: a caption, a head of column headers, and a row per area, week or measure. */
export function FlowTable<Row>({ caption, note, rows, rowKey, group, rowHeader, columns }: FlowTableProps<Row>) {
  return (
    <table className="flow-table">
      <caption>
        {caption}
        {note !== undefined && <span className="muted flow-table__note">{note}</span>}
      </caption>
      <thead>
        <tr>
          {group && <th scope="col">{group.header}</th>}
          <th scope="col">{rowHeader.header}</th>
          {columns.map((column, index) => <th scope="col" key={columnKey(column, index)} className={alignment(column)}>{column.header}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row)}>
            {group && index % group.size === 0 && <th scope="rowgroup" rowSpan={group.size}>{group.cell(row)}</th>}
            <th scope="row">{rowHeader.cell(row)}</th>
            {columns.map((column, columnIndex) => (
              <td key={columnKey(column, columnIndex)} className={alignment(column)}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The problems behind an area's figures: the board, filtered to that area. */
export const AreaLink = ({ area }: { area: Scope }) => <Link href={`/board?area=${encodeURIComponent(area.slug)}`}>{area.name}</Link>;

/** Each area's figures, and all areas together when the report is not of one area. */
export type ScopeRow = { key: string; figures: FlowReport['all']; area: Scope | null };

export function scopesOf(report: FlowReport): ScopeRow[] {
  const scopes: ScopeRow[] = report.areas.map((area) => ({ key: area.slug, figures: area, area }));
  if (report.area === null) scopes.push({ key: 'all', figures: report.all, area: null });
  return scopes;
}
