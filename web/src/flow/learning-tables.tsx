import { Link } from 'wouter';
import type { FlowReport } from '../../../shared/flow.ts';
import { AreaLink, FlowTable, scopesOf, type FlowColumn, type Scope, type ScopeRow } from './flow-table.tsx';
import { formatShare } from './format-duration.ts';

/** An area's learnings: the library, filtered to that area. */
const LibraryLink = ({ area }: { area: Scope }) => <Link href={`/learnings?area=${encodeURIComponent(area.slug)}`}>{area.name}</Link>;

const ofWhole = (share: number | null, part: number, whole: number) => `${formatShare(share)} (${part} of ${whole})`;

const libraryHeader = { header: 'Area', cell: ({ area }: ScopeRow) => (area ? <LibraryLink area={area} /> : 'All areas') };

const RECURRENCE_COLUMNS: FlowColumn<Scope>[] = [
  { header: 'Recurred', numeric: true, cell: (area) => area.recurrence.problems },
  { header: 'Of the pulls', numeric: true, cell: (area) => ofWhole(area.recurrence.share, area.recurrence.problems, area.pulls.total) },
];

export function RecurrenceTable({ report }: { report: FlowReport }) {
  return (
    <FlowTable caption="Recurrences per area" rows={report.areas} rowKey={(area) => area.slug}
      rowHeader={{ header: 'Area', cell: (area) => <AreaLink area={area} /> }} columns={RECURRENCE_COLUMNS} />
  );
}

type RecurredLearning = FlowReport['all']['recurrence']['learnings'][number];

/** The learnings that recurred most; each links to the learning, which lists the problems that recurred. */
export function TopLearningsTable({ report, areaName }: { report: FlowReport; areaName: (slug: string) => string }) {
  const learnings = report.all.recurrence.learnings;
  if (learnings.length === 0) return <p className="muted">No problem pulled in this period was linked to an earlier learning.</p>;
  const columns: FlowColumn<RecurredLearning>[] = [
    { header: 'Its area', cell: (learning) => areaName(learning.area) },
    { header: 'Recurred', numeric: true, cell: (learning) => learning.count },
  ];
  return (
    <FlowTable
      caption="Learnings that recurred most"
      rows={learnings}
      rowKey={(learning) => learning.id}
      rowHeader={{
        header: 'Learning',
        cell: (learning) => (
          <><Link href={`/learnings/${encodeURIComponent(learning.id)}`}>{learning.title}</Link> <span className="muted">#{learning.problemNumber}</span></>
        ),
      }}
      columns={columns}
    />
  );
}

const SPREAD_COLUMNS: FlowColumn<ScopeRow>[] = [
  { header: 'Learnings', numeric: true, cell: ({ figures }) => figures.spread.learnings },
  { header: 'Members', numeric: true, cell: ({ figures }) => figures.spread.members },
  { header: 'Acknowledged', numeric: true, cell: ({ figures: { spread } }) => ofWhole(spread.share, spread.acknowledged, spread.of) },
];

export function SpreadTable({ report }: { report: FlowReport }) {
  return (
    <FlowTable
      caption="Spread of the learnings published in the period"
      note="Acknowledged by the area's members: its responders, its escalation path, and everyone who swarmed one of its problems"
      rows={scopesOf(report)}
      rowKey={(row) => row.key}
      rowHeader={libraryHeader}
      columns={SPREAD_COLUMNS}
    />
  );
}

const REUSE_COLUMNS: FlowColumn<ScopeRow>[] = [
  { header: 'Suggested', numeric: true, cell: ({ figures }) => figures.suggestions.shown },
  { header: 'Opened', numeric: true, cell: ({ figures: { suggestions } }) => ofWhole(suggestions.share, suggestions.opened, suggestions.shown) },
  { header: 'Open', numeric: true, cell: ({ figures }) => figures.followUps.open },
  { header: 'Overdue', numeric: true, cell: ({ figures }) => figures.followUps.overdue },
];

export function ReuseTable({ report }: { report: FlowReport }) {
  return (
    <FlowTable
      caption="Suggestions and follow-up actions"
      note="Suggested: shown to a person while pulling or on a problem, once a day each. Open and overdue: the follow-up actions"
      rows={scopesOf(report)}
      rowKey={(row) => row.key}
      rowHeader={libraryHeader}
      columns={REUSE_COLUMNS}
    />
  );
}
