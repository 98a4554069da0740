import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import type { FlowFigure, FlowQuery, FlowReport } from '../../../shared/flow.ts';
import { areaName, useAreas } from '../areas/areas-store.ts';
import type { Area } from '../../../shared/areas.ts';
import { flowCsvUrl, getFlow } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { PullsChart, TargetChart } from '../flow/flow-charts.tsx';
import { FlowFilterBar } from '../flow/flow-filter-bar.tsx';
import { flowSearch, periodOf, readFlowFilters, type FlowFilters } from '../flow/flow-period.ts';
import { RecurrenceChart, SpreadChart } from '../flow/learning-charts.tsx';
import { RecurrenceTable, ReuseTable, SpreadTable, TopLearningsTable } from '../flow/learning-tables.tsx';
import { OutcomesTable, PullsByKindTable, PullsTable, TargetTable, TimesTable } from '../flow/flow-tables.tsx';
import '../flow/flow.css';

type Loaded = { key: string } & ({ phase: 'failed'; message: string } | { phase: 'ready'; report: FlowReport; query: FlowQuery });

function CsvLink({ figure, query }: { figure: FlowFigure; query: FlowQuery }) {
  return <a href={flowCsvUrl(figure, query)} download className="flow-csv">Download {figure} as CSV</a>;
}

/** How fast problems are answered, contained, resolved and learned from: per area, never per person. */
export default function FlowPage() {
  usePageTitle('Flow');
  const [params, setParams] = useSearchParams();
  const filters = readFlowFilters(params);
  const { areas } = useAreas();
  const { days, from, to, area } = filters;
  const key = flowSearch(filters).toString();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // The period counts back from the moment the filters were chosen, not from every render.
    const query: FlowQuery = { ...periodOf({ days, from, to, area }, Date.now()), ...(area ? { area } : {}) };
    getFlow(query, controller.signal).then(
      (report) => setLoaded({ key, phase: 'ready', report, query }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, phase: 'failed', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [key, days, from, to, area]);
  const current = loaded?.key === key ? loaded : null;

  const setFilters = (next: FlowFilters) => setParams(flowSearch(next), { replace: true });

  return (
    <div className="flow-page">
      <div className="flow-page__head">
        <h1 tabIndex={-1}>Flow</h1>
        <FlowFilterBar filters={filters} areas={areas.filter((a) => !a.archived)} onChange={setFilters} />
      </div>
      <p className="flow-page__lead">
        More pulls is good news: every pull is a problem seen while it is small. What matters is how fast each one is answered,
        contained, solved and learned from. These are measures of the whole system, never of a person.
      </p>
      {current === null && <p role="status" className="muted">Loading the figures…</p>}
      {current?.phase === 'failed' && <p role="alert">Could not load the figures: {current.message}</p>}
      {current?.phase === 'ready' && <FlowFigures report={current.report} query={current.query} areas={areas} />}
    </div>
  );
}

function FlowFigures({ report, query, areas }: { report: FlowReport; query: FlowQuery; areas: readonly Area[] }) {
  const { all } = report;
  return (
    <>
      <p className="flow-total" aria-live="polite">
        <strong>{all.pulls.total}</strong> {all.pulls.total === 1 ? 'pull' : 'pulls'} from {new Date(report.from).toLocaleDateString()} to{' '}
        {new Date(report.to).toLocaleDateString()}
      </p>
      <section className="flow-section" aria-labelledby="flow-pulls">
        <h2 id="flow-pulls">Pulls per week</h2>
        <div className="flow-figure">
          <PullsChart report={report} />
          <div className="flow-numbers">
            <PullsTable report={report} />
            <CsvLink figure="pulls" query={query} />
          </div>
        </div>
        <PullsByKindTable report={report} />
      </section>
      <section className="flow-section" aria-labelledby="flow-targets">
        <h2 id="flow-targets">Against the response target</h2>
        <div className="flow-pair">
          <div className="flow-figure flow-figure--stacked">
            <h3>Time to respond</h3>
            <TargetChart buckets={all.distribution.respond} />
            <TargetTable caption="Time to respond against the target" buckets={all.distribution.respond} />
          </div>
          <div className="flow-figure flow-figure--stacked">
            <h3>Time to resolve</h3>
            <TargetChart buckets={all.distribution.resolve} />
            <TargetTable caption="Time to resolve against the target" buckets={all.distribution.resolve} />
          </div>
        </div>
        <CsvLink figure="distribution" query={query} />
      </section>
      <section className="flow-section" aria-labelledby="flow-times">
        <h2 id="flow-times">How long it takes</h2>
        <TimesTable report={report} />
        <CsvLink figure="times" query={query} />
      </section>
      <section className="flow-section" aria-labelledby="flow-outcomes">
        <h2 id="flow-outcomes">Escalated and dismissed</h2>
        <OutcomesTable report={report} />
        <CsvLink figure="escalations" query={query} /> <CsvLink figure="dismissed" query={query} />
      </section>
      <section className="flow-section" aria-labelledby="flow-recurrence">
        <h2 id="flow-recurrence">Recurrence</h2>
        <p className="muted">Problems pulled in the period that were linked to an earlier learning: the same thing happened again.</p>
        <div className="flow-figure">
          <RecurrenceChart report={report} />
          <div className="flow-numbers">
            <RecurrenceTable report={report} />
            <TopLearningsTable report={report} areaName={(slug) => areaName(areas, slug)} />
            <CsvLink figure="recurrence" query={query} />
          </div>
        </div>
      </section>
      <section className="flow-section" aria-labelledby="flow-spread">
        <h2 id="flow-spread">Spread of learnings</h2>
        <p className="muted">How far the learnings published in the period reached: the share of each area&apos;s members who acknowledged them.</p>
        <div className="flow-figure">
          <SpreadChart report={report} />
          <div className="flow-numbers">
            <SpreadTable report={report} />
          </div>
        </div>
        <div className="flow-numbers">
          <ReuseTable report={report} />
        </div>
        <CsvLink figure="spread" query={query} /> <CsvLink figure="suggestions" query={query} /> <CsvLink figure="follow-ups" query={query} />
      </section>
    </>
  );
}
