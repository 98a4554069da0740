import { useId, useState } from 'react';
import type { TimelineEntry, Verdict } from '../../../shared/timeline.ts';
import { editTimelineEntry } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';

const excerpt = (body: string) => (body.length > 80 ? body.slice(0, 79) + '…' : body);

/** The hypotheses at a glance: which are still open, which a result confirmed or refuted. */
export function HypothesisLedger({ entries, onChanged }: { entries: TimelineEntry[]; onChanged: (entry: TimelineEntry) => void }) {
  const id = useId();
  const hypotheses = entries.filter((e) => e.kind === 'hypothesis');
  const results = entries.filter((e) => e.kind === 'result');
  const groups: Array<[string, TimelineEntry[]]> = [
    ['Open', hypotheses.filter((h) => h.verdict === null)],
    ['Confirmed', hypotheses.filter((h) => h.verdict === 'confirmed')],
    ['Refuted', hypotheses.filter((h) => h.verdict === 'refuted')],
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="problem-page__section ledger">
      <h2 id={`${id}-title`}>Hypotheses</h2>
      {hypotheses.length === 0 ? <p className="muted">No hypothesis yet.</p> : groups.map(([title, items]) => (
        <div key={title} className="ledger__group">
          <h3>{title} ({items.length})</h3>
          <ul aria-label={`${title} hypotheses`}>
            {items.map((h) => (
              <li key={h.id}>
                <span>{excerpt(h.body)}</span>
                {h.evidenceId && <span className="muted"> (shown by: {excerpt(results.find((r) => r.id === h.evidenceId)?.body ?? 'a result')})</span>}
                {results.length > 0 && <SettleForm hypothesis={h} results={results} onChanged={onChanged} />}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function SettleForm({ hypothesis, results, onChanged }: { hypothesis: TimelineEntry; results: TimelineEntry[]; onChanged: (e: TimelineEntry) => void }) {
  const id = useId();
  const [evidence, setEvidence] = useState(hypothesis.evidenceId ?? results.at(-1)?.id ?? '');
  const { busy, failure, submit } = useSubmit();
  const settle = (verdict: Verdict) =>
    void submit(async () => onChanged(await editTimelineEntry(hypothesis.problemNumber, hypothesis.id, { verdict, evidence })));
  return (
    <div className="ledger__settle">
      <label htmlFor={`${id}-evidence`} className="visually-hidden">Result that shows it</label>
      <select id={`${id}-evidence`} value={evidence} onChange={(e) => setEvidence(e.target.value)}>
        {results.map((r) => <option key={r.id} value={r.id}>Result: {excerpt(r.body)}</option>)}
      </select>
      {hypothesis.verdict !== 'confirmed' && (
        <button type="button" className="button button--small" disabled={busy} onClick={() => settle('confirmed')}>
          Confirm<span className="visually-hidden"> “{excerpt(hypothesis.body)}”</span>
        </button>
      )}
      {hypothesis.verdict !== 'refuted' && (
        <button type="button" className="button button--small" disabled={busy} onClick={() => settle('refuted')}>
          Refute<span className="visually-hidden"> “{excerpt(hypothesis.body)}”</span>
        </button>
      )}
      <FormAlert message={failure?.message} />
    </div>
  );
}
