import { Link } from 'wouter';
import type { Problem } from '../../../shared/problems.ts';
import { SafeMarkdown } from '../timeline/markdown.tsx';
import { firingWords } from './firing-words.ts';
import './integrations.css';

/** For the problem page's facts: how many of its alerts fire now, and the problem it is a recurrence of. */
export function AlertFacts({ problem }: { problem: Problem }) {
  return (
    <>
      {problem.firingAlerts !== null && (
        <div>
          <dt>Alerts</dt>
          <dd className="firing-alerts">{firingWords(problem.firingAlerts)}</dd>
        </div>
      )}
      {problem.recurrenceOf !== null && (
        <div>
          <dt>Recurrence of</dt>
          <dd><Link href={`/problems/${problem.recurrenceOf}`}>#{problem.recurrenceOf}</Link> (the same alert group fired again)</dd>
        </div>
      )}
    </>
  );
}

/** An integration writes its details in Markdown (the alerts' descriptions, runbook and dashboard links); people write plain text. */
export function ProblemDetails({ problem }: { problem: Problem }) {
  if (!problem.details) return <p className="muted">No details were given.</p>;
  return problem.raisedBy.kind === 'integration' ? <SafeMarkdown text={problem.details} /> : <p className="details">{problem.details}</p>;
}
