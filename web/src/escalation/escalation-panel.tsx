import type { Problem } from '../../../shared/problems.ts';
import { escalateNow } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { ResponseCountdown } from './response-countdown.tsx';

/** On a problem nobody has joined: how long is left before it escalates, and a way not to wait. */
export function EscalationPanel({ problem, onUpdated }: { problem: Problem; onUpdated: (problem: Problem) => void }) {
  const { busy, failure, done, submit } = useSubmit();
  if (problem.status !== 'raised') return null;
  const press = () =>
    submit(async () => {
      const updated = await escalateNow(problem.number);
      onUpdated(updated);
      return `Escalated to step ${updated.escalation.step}.`;
    });
  return (
    <section aria-labelledby="escalation-title" className="problem-page__section">
      <h2 id="escalation-title">Response</h2>
      <div className="escalation-panel">
        <ResponseCountdown problem={problem} />
        <button type="button" className="button" onClick={() => void press()} disabled={busy}>
          {busy ? 'Escalating…' : 'Escalate now'}
        </button>
        <span role="status">{done}</span>
      </div>
      <FormAlert message={failure?.message} />
    </section>
  );
}
