import { Link } from 'wouter';
import { FLOW_MEASURES, PULL_SOURCES, TARGET_BUCKETS, TARGET_BUCKET_LABELS, type FlowMeasure, type FlowReport, type TargetBucket } from '../../../shared/flow.ts';
import { LEVELS } from '../../../shared/problems.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';
import { formatDuration, formatShare } from './format-duration.ts';
import { weekLabel } from './flow-charts.tsx';

type Scope = FlowReport['areas'][number];

const MEASURE_LABEL: Record<FlowMeasure, string> = {
  respond: 'To respond (first swarmer)',
  contain: 'To contain',
  resolve: 'To resolve',
  learn: 'To learning (from resolved)',
};
const SOURCE_LABEL: Record<(typeof PULL_SOURCES)[number], string> = { person: 'Person', api: 'API', 'pull-link': 'Pull link', integration: 'Integration' };

/** The problems behind an area's figures: the board, filtered to that area. */
export const AreaLink = ({ area }: { area: Scope }) => <Link href={`/board?area=${encodeURIComponent(area.slug)}`}>{area.name}</Link>;

export function PullsTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>Pulls per week and area</caption>
      <thead>
        <tr>
          <th scope="col">Week from</th>
          {report.areas.map((area) => (
            <th scope="col" key={area.slug}>
              <AreaLink area={area} />
            </th>
          ))}
          <th scope="col">All</th>
        </tr>
      </thead>
      <tbody>
        {report.all.weeks.map((week, index) => (
          <tr key={week.start}>
            <th scope="row">{weekLabel(week.start)}</th>
            {report.areas.map((area) => (
              <td key={area.slug}>{area.weeks[index]?.total ?? 0}</td>
            ))}
            <td>{week.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PullsByKindTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>Pulls by level and source</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Pulls</th>
          {LEVELS.map((level) => (
            <th scope="col" key={level}>{LEVEL_LABEL[level]}</th>
          ))}
          {PULL_SOURCES.map((source) => (
            <th scope="col" key={source}>{SOURCE_LABEL[source]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.areas.map((area) => (
          <tr key={area.slug}>
            <th scope="row"><AreaLink area={area} /></th>
            <td>{area.pulls.total}</td>
            {LEVELS.map((level) => <td key={level}>{area.pulls.byLevel[level]}</td>)}
            {PULL_SOURCES.map((source) => <td key={source}>{area.pulls.bySource[source]}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TimesTable({ report }: { report: FlowReport }) {
  const scopes: Array<[string, FlowReport['all'], Scope | null]> = [...report.areas.map((a): [string, Scope, Scope] => [a.slug, a, a])];
  if (report.area === null) scopes.push(['all', report.all, null]);
  return (
    <table className="flow-table">
      <caption>Time from the pull: median, 90th percentile, and share within the response target</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Measure</th>
          <th scope="col">Problems</th>
          <th scope="col">Median</th>
          <th scope="col">90th percentile</th>
          <th scope="col">Within target</th>
        </tr>
      </thead>
      <tbody>
        {scopes.flatMap(([key, figures, area]) =>
          FLOW_MEASURES.map((measure, index) => {
            const span = figures.times[measure];
            return (
              <tr key={`${key}-${measure}`}>
                {index === 0 && (
                  <th scope="rowgroup" rowSpan={FLOW_MEASURES.length}>
                    {area ? <AreaLink area={area} /> : 'All areas'}
                    {area && <span className="muted flow-table__note">target {area.responseTargetMinutes} min (Stop: half)</span>}
                  </th>
                )}
                <th scope="row">{MEASURE_LABEL[measure]}</th>
                <td>{span.count}</td>
                <td>{formatDuration(span.medianMs)}</td>
                <td>{formatDuration(span.p90Ms)}</td>
                <td>{span.withinTarget ? `${formatShare(span.withinTarget.share)} (${span.withinTarget.count} of ${span.withinTarget.of})` : '—'}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}

export function TargetTable({ caption, buckets }: { caption: string; buckets: Record<TargetBucket, number> }) {
  return (
    <table className="flow-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reached</th>
          <th scope="col">Problems</th>
        </tr>
      </thead>
      <tbody>
        {TARGET_BUCKETS.map((bucket) => (
          <tr key={bucket}>
            <th scope="row">{TARGET_BUCKET_LABELS[bucket]}</th>
            <td>{buckets[bucket]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OutcomesTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>Escalations and dismissals</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Escalated</th>
          <th scope="col">Furthest step (problems)</th>
          <th scope="col">Dismissed</th>
          <th scope="col">Duplicate / not a problem / other</th>
        </tr>
      </thead>
      <tbody>
        {report.areas.map((area) => (
          <tr key={area.slug}>
            <th scope="row"><AreaLink area={area} /></th>
            <td>{formatShare(area.escalations.share)} ({area.escalations.escalated} of {area.escalations.problems})</td>
            <td>{area.escalations.byStep.map((s) => `step ${s.step}: ${s.count}`).join(', ') || '—'}</td>
            <td>{formatShare(area.dismissed.share)} ({area.dismissed.count})</td>
            <td>{area.dismissed.byReason.duplicate} / {area.dismissed.byReason['not-a-problem']} / {area.dismissed.byReason.other}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
