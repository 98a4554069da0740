import { Link } from 'wouter';
import type { FlowReport } from '../../../shared/flow.ts';
import { AreaLink } from './flow-tables.tsx';
import { formatShare } from './format-duration.ts';

type Scope = FlowReport['areas'][number];

/** An area's learnings: the library, filtered to that area. */
const LibraryLink = ({ area }: { area: Scope }) => <Link href={`/learnings?area=${encodeURIComponent(area.slug)}`}>{area.name}</Link>;

const ofWhole = (share: number | null, part: number, whole: number) => `${formatShare(share)} (${part} of ${whole})`;

export function RecurrenceTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>Recurrences per area</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Recurred</th>
          <th scope="col">Of the pulls</th>
        </tr>
      </thead>
      <tbody>
        {report.areas.map((area) => (
          <tr key={area.slug}>
            <th scope="row"><AreaLink area={area} /></th>
            <td>{area.recurrence.problems}</td>
            <td>{ofWhole(area.recurrence.share, area.recurrence.problems, area.pulls.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The learnings that recurred most; each links to the learning, which lists the problems that recurred. */
export function TopLearningsTable({ report, areaName }: { report: FlowReport; areaName: (slug: string) => string }) {
  const learnings = report.all.recurrence.learnings;
  if (learnings.length === 0) return <p className="muted">No problem pulled in this period was linked to an earlier learning.</p>;
  return (
    <table className="flow-table">
      <caption>Learnings that recurred most</caption>
      <thead>
        <tr>
          <th scope="col">Learning</th>
          <th scope="col">Its area</th>
          <th scope="col">Recurred</th>
        </tr>
      </thead>
      <tbody>
        {learnings.map((learning) => (
          <tr key={learning.id}>
            <th scope="row"><Link href={`/learnings/${encodeURIComponent(learning.id)}`}>{learning.title}</Link> <span className="muted">#{learning.problemNumber}</span></th>
            <td>{areaName(learning.area)}</td>
            <td>{learning.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function scopesOf(report: FlowReport): Array<[string, FlowReport['all'], Scope | null]> {
  const scopes: Array<[string, FlowReport['all'], Scope | null]> = report.areas.map((a) => [a.slug, a, a]);
  if (report.area === null) scopes.push(['all', report.all, null]);
  return scopes;
}

export function SpreadTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>
        Spread of the learnings published in the period
        <span className="muted flow-table__note">Acknowledged by the area&apos;s members: its responders, its escalation path, and everyone who swarmed one of its problems</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Learnings</th>
          <th scope="col">Members</th>
          <th scope="col">Acknowledged</th>
        </tr>
      </thead>
      <tbody>
        {scopesOf(report).map(([key, f, area]) => (
          <tr key={key}>
            <th scope="row">{area ? <LibraryLink area={area} /> : 'All areas'}</th>
            <td>{f.spread.learnings}</td>
            <td>{f.spread.members}</td>
            <td>{ofWhole(f.spread.share, f.spread.acknowledged, f.spread.of)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReuseTable({ report }: { report: FlowReport }) {
  return (
    <table className="flow-table">
      <caption>
        Suggestions and follow-up actions
        <span className="muted flow-table__note">Suggested: shown to a person while pulling or on a problem, once a day each. Open and overdue: the follow-up actions</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Suggested</th>
          <th scope="col">Opened</th>
          <th scope="col">Open</th>
          <th scope="col">Overdue</th>
        </tr>
      </thead>
      <tbody>
        {scopesOf(report).map(([key, f, area]) => (
          <tr key={key}>
            <th scope="row">{area ? <LibraryLink area={area} /> : 'All areas'}</th>
            <td>{f.suggestions.shown}</td>
            <td>{ofWhole(f.suggestions.share, f.suggestions.opened, f.suggestions.shown)}</td>
            <td>{f.followUps.open}</td>
            <td>{f.followUps.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
