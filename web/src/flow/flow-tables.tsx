import type { FlowReport } from '../../../shared/flow.ts';
import { FLOW_MEASURES, PULL_SOURCES, TARGET_BUCKETS, TARGET_BUCKET_LABELS, type FlowMeasure, type TargetBucket } from '../../../shared/values/flow.ts';
import { LEVELS } from '../../../shared/values/problems.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';
import { formatDuration, formatShare } from './format-duration.ts';
import { weekLabel } from './flow-charts.tsx';
import { AreaLink, FlowTable, scopesOf, type FlowColumn, type Scope, type ScopeRow } from './flow-table.tsx';

const MEASURE_LABEL: Record<FlowMeasure, string> = {
  respond: 'To respond (first swarmer)',
  contain: 'To contain',
  resolve: 'To resolve',
  learn: 'To learning (from resolved)',
};
const SOURCE_LABEL: Record<(typeof PULL_SOURCES)[number], string> = { person: 'Person', api: 'API', 'pull-link': 'Pull link', integration: 'Integration' };

const areaHeader = { header: 'Area', cell: (area: Scope) => <AreaLink area={area} /> };

export function PullsTable({ report }: { report: FlowReport }) {
  type Week = { index: number; start: string; total: number };
  const weeks: Week[] = report.all.weeks.map((week, index) => ({ index, start: week.start, total: week.total }));
  const columns: FlowColumn<Week>[] = [
    ...report.areas.map((area): FlowColumn<Week> => ({ key: area.slug, header: <AreaLink area={area} />, numeric: true, cell: (week) => area.weeks[week.index]?.total ?? 0 })),
    { key: 'all', header: 'All', numeric: true, cell: (week) => week.total },
  ];
  return (
    <FlowTable caption="Pulls per week and area" rows={weeks} rowKey={(week) => week.start}
      rowHeader={{ header: 'Week from', cell: (week) => weekLabel(week.start) }} columns={columns} />
  );
}

export function PullsByKindTable({ report }: { report: FlowReport }) {
  const columns: FlowColumn<Scope>[] = [
    { header: 'Pulls', numeric: true, cell: (area) => area.pulls.total },
    ...LEVELS.map((level): FlowColumn<Scope> => ({ key: level, header: LEVEL_LABEL[level], numeric: true, cell: (area) => area.pulls.byLevel[level] })),
    ...PULL_SOURCES.map((source): FlowColumn<Scope> => ({ key: source, header: SOURCE_LABEL[source], numeric: true, cell: (area) => area.pulls.bySource[source] })),
  ];
  return <FlowTable caption="Pulls by level and source" rows={report.areas} rowKey={(area) => area.slug} rowHeader={areaHeader} columns={columns} />;
}

type MeasureRow = ScopeRow & { measure: FlowMeasure };

const TIMES_COLUMNS: FlowColumn<MeasureRow>[] = [
  { header: 'Problems', numeric: true, cell: (row) => row.figures.times[row.measure].count },
  { header: 'Median', numeric: true, cell: (row) => formatDuration(row.figures.times[row.measure].medianMs) },
  { header: '90th percentile', numeric: true, cell: (row) => formatDuration(row.figures.times[row.measure].p90Ms) },
  {
    header: 'Within target',
    numeric: true,
    cell: (row) => {
      const within = row.figures.times[row.measure].withinTarget;
      return within ? `${formatShare(within.share)} (${within.count} of ${within.of})` : '—';
    },
  },
];

export function TimesTable({ report }: { report: FlowReport }) {
  const rows = scopesOf(report).flatMap((scope) => FLOW_MEASURES.map((measure): MeasureRow => ({ ...scope, measure })));
  return (
    <FlowTable
      caption="Time from the pull: median, 90th percentile, and share within the response target"
      rows={rows}
      rowKey={(row) => `${row.key}-${row.measure}`}
      group={{
        header: 'Area',
        size: FLOW_MEASURES.length,
        cell: ({ area }) => area ? (
          <>
            <AreaLink area={area} />
            <span className="muted flow-table__note">target {area.responseTargetMinutes} min (Stop: half)</span>
          </>
        ) : 'All areas',
      }}
      rowHeader={{ header: 'Measure', cell: (row) => MEASURE_LABEL[row.measure] }}
      columns={TIMES_COLUMNS}
    />
  );
}

export function TargetTable({ caption, buckets }: { caption: string; buckets: Record<TargetBucket, number> }) {
  return (
    <FlowTable caption={caption} rows={TARGET_BUCKETS} rowKey={(bucket) => bucket}
      rowHeader={{ header: 'Reached', cell: (bucket) => TARGET_BUCKET_LABELS[bucket] }}
      columns={[{ header: 'Problems', numeric: true, cell: (bucket) => buckets[bucket] }]} />
  );
}

const OUTCOMES_COLUMNS: FlowColumn<Scope>[] = [
  { header: 'Escalated', numeric: true, cell: (area) => `${formatShare(area.escalations.share)} (${area.escalations.escalated} of ${area.escalations.problems})` },
  { header: 'Furthest step (problems)', cell: (area) => area.escalations.byStep.map((s) => `step ${s.step}: ${s.count}`).join(', ') || '—' },
  { header: 'Dismissed', numeric: true, cell: (area) => `${formatShare(area.dismissed.share)} (${area.dismissed.count})` },
  {
    header: 'Duplicate / not a problem / other',
    numeric: true,
    cell: ({ dismissed: { byReason } }) => `${byReason.duplicate} / ${byReason['not-a-problem']} / ${byReason.other}`,
  },
];

export function OutcomesTable({ report }: { report: FlowReport }) {
  return <FlowTable caption="Escalations and dismissals" rows={report.areas} rowKey={(area) => area.slug} rowHeader={areaHeader} columns={OUTCOMES_COLUMNS} />;
}
