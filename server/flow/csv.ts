import { DISMISS_REASON_KINDS, FLOW_MEASURES, PULL_SOURCES, TARGET_BUCKETS, type FlowFigure, type FlowFigures, type FlowReport } from '../../shared/flow.ts';
import { LEVELS } from '../../shared/problems.ts';

type Cell = string | number | null;

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote: an
// area's name is typed by people.
function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csv = (rows: Cell[][]) => rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

/** The report's scopes: every area together ("all"), then each area. */
function scopes(report: FlowReport): Array<[string, FlowFigures]> {
  return [['all', report.all], ...report.areas.map((area): [string, FlowFigures] => [area.slug, area])];
}

const COLUMNS: Record<FlowFigure, (figures: FlowFigures) => { header: string[]; rows: Cell[][] }> = {
  pulls: (f) => ({
    header: ['week_start', 'total', ...LEVELS, ...PULL_SOURCES],
    rows: f.weeks.map((week) => [week.start, week.total, ...LEVELS.map((l) => week.byLevel[l]), ...PULL_SOURCES.map((s) => week.bySource[s])]),
  }),
  times: (f) => ({
    header: ['measure', 'count', 'median_ms', 'p90_ms', 'within_target', 'target_of', 'within_target_share'],
    rows: FLOW_MEASURES.map((m) => {
      const span = f.times[m];
      return [m, span.count, span.medianMs, span.p90Ms, span.withinTarget?.count ?? null, span.withinTarget?.of ?? null, span.withinTarget?.share ?? null];
    }),
  }),
  distribution: (f) => ({
    header: ['measure', ...TARGET_BUCKETS],
    rows: (['respond', 'contain', 'resolve'] as const).map((m) => [m, ...TARGET_BUCKETS.map((b) => f.distribution[m][b])]),
  }),
  escalations: (f) => ({
    header: ['problems', 'escalated', 'share', 'repeated', 'furthest_steps'],
    rows: [[f.escalations.problems, f.escalations.escalated, f.escalations.share, f.escalations.repeated,
      f.escalations.byStep.map((s) => `${s.step}:${s.count}`).join(' ')]],
  }),
  dismissed: (f) => ({
    header: ['dismissed', 'share', ...DISMISS_REASON_KINDS],
    rows: [[f.dismissed.count, f.dismissed.share, ...DISMISS_REASON_KINDS.map((k) => f.dismissed.byReason[k])]],
  }),
  // The scope's own row first (no learning), then one per learning that recurred most.
  recurrence: (f) => ({
    header: ['recurring_problems', 'share_of_pulls', 'learning_id', 'learning_problem', 'learning_area', 'learning_title', 'learning_recurrences'],
    rows: [
      [f.recurrence.problems, f.recurrence.share, null, null, null, null, null],
      ...f.recurrence.learnings.map((l) => [null, null, l.id, l.problemNumber, l.area, l.title, l.count]),
    ],
  }),
  suggestions: (f) => ({
    header: ['shown', 'opened', 'share'],
    rows: [[f.suggestions.shown, f.suggestions.opened, f.suggestions.share]],
  }),
  spread: (f) => ({
    header: ['learnings', 'members', 'acknowledged', 'of', 'share'],
    rows: [[f.spread.learnings, f.spread.members, f.spread.acknowledged, f.spread.of, f.spread.share]],
  }),
  'follow-ups': (f) => ({
    header: ['total', 'done', 'open', 'overdue'],
    rows: [[f.followUps.total, f.followUps.done, f.followUps.open, f.followUps.overdue]],
  }),
};

/** One figure of the report as CSV, a row per area (and week or measure), headed by `from` and `to`. */
export function figureCsv(report: FlowReport, figure: FlowFigure): string {
  const columns = COLUMNS[figure];
  const rows = scopes(report).flatMap(([area, figures]) => columns(figures).rows.map((row) => [report.from, report.to, area, ...row]));
  return csv([['from', 'to', 'area', ...columns(report.all).header], ...rows]);
}
