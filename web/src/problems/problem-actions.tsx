import { useId, useRef, useState, type SubmitEvent } from 'react';
import { REASON_MAX } from '../../../shared/limits.ts';
import type { ChangeStatusBody, DismissReason, Problem } from '../../../shared/problems.ts';
import { canMove } from '../../../shared/status-lifecycle.ts';
import { changeStatus } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { STATUS_LABEL, statusButtons } from './problem-words.ts';

interface ProblemActionsProps {
  problem: Problem;
  onUpdated: (problem: Problem) => void;
}

const DISMISS_CHOICES: Array<[DismissReason, string]> = [
  ['duplicate', 'A duplicate of another problem'],
  ['not-a-problem', 'Not a problem'],
  ['other', 'Another reason'],
];

export function ProblemActions({ problem, onUpdated }: ProblemActionsProps) {
  const id = useId();
  const { busy, failure, setFailure, done, submit } = useSubmit();
  const [dismissing, setDismissing] = useState(false);
  const [why, setWhy] = useState<DismissReason>('duplicate');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const moves = statusButtons(problem.status);
  const canDismiss = canMove(problem.status, 'dismissed');

  // Every status change goes through the status route, the one the server checks every move on.
  async function move(body: ChangeStatusBody) {
    const moved = await submit(async () => {
      const updated = await changeStatus(problem.number, body);
      onUpdated(updated);
      return `#${updated.number} is now ${STATUS_LABEL[updated.status].toLowerCase()}.`;
    });
    if (moved) {
      setDismissing(false);
      setReason('');
      setDuplicateOf('');
    }
  }

  function dismiss(event: SubmitEvent) {
    event.preventDefault();
    if (why === 'duplicate') {
      if (!/^[1-9][0-9]{0,14}$/.test(duplicateOf.trim())) {
        setFailure('Give the number of the problem this duplicates, e.g. 12.');
        return;
      }
      void move({ status: 'dismissed', reason: 'duplicate', duplicateOf: Number(duplicateOf.trim()) });
    } else if (why === 'other') {
      if (!reason.trim()) {
        setFailure('Say why it is dismissed.');
        reasonRef.current?.focus();
        return;
      }
      void move({ status: 'dismissed', reason: 'other', text: reason.trim() });
    } else {
      void move({ status: 'dismissed', reason: 'not-a-problem' });
    }
  }

  return (
    <section className="problem-actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Move this problem
      </h2>
      {moves.length > 0 && (
        <div className="problem-actions__buttons">
          {moves.map((m, index) => (
            <button
              key={m.to}
              type="button"
              className={index === 0 ? 'button button--primary' : 'button'}
              disabled={busy}
              onClick={() => void move({ status: m.to })}
            >
              {m.label}
            </button>
          ))}
          {/* Hidden while the reason form is open, so its confirm button is the only "Dismiss". */}
          {canDismiss && !dismissing && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setDismissing(true);
              }}
            >
              Dismiss…
            </button>
          )}
        </div>
      )}
      {moves.length === 0 && <p className="muted">This problem is {STATUS_LABEL[problem.status].toLowerCase()}; nothing left to move.</p>}
      {dismissing && canDismiss && (
        <form className="dismiss-form stack" onSubmit={dismiss} aria-label="Dismiss this problem">
          <fieldset className="field">
            <legend>Why dismiss it?</legend>
            {DISMISS_CHOICES.map(([value, label]) => (
              <label key={value} className="check">
                <input type="radio" name={`${id}-why`} value={value} checked={why === value} onChange={() => setWhy(value)} /> {label}
              </label>
            ))}
          </fieldset>
          {why === 'duplicate' && (
            <div className="field">
              <label htmlFor={`${id}-duplicate`}>Duplicate of problem number</label>
              <input id={`${id}-duplicate`} inputMode="numeric" value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
            </div>
          )}
          {why === 'other' && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>Reason for dismissing</label>
              <textarea ref={reasonRef} id={`${id}-reason`} rows={3} maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <div className="problem-actions__buttons">
            <button type="submit" className="button button--danger" disabled={busy}>
              Dismiss problem
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setDismissing(false);
                setFailure(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormAlert message={failure?.message} />
      <p role="status" className="problem-actions__done">
        {done}
      </p>
    </section>
  );
}
