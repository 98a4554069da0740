import { useId, useRef, useState, type FormEvent } from 'react';
import { REASON_MAX } from '../../../shared/limits.ts';
import type { Problem, Status } from '../../../shared/problems.ts';
import { canMove } from '../../../shared/status-lifecycle.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { STATUS_LABEL, statusButtons } from './problem-words.ts';
import { useProblemUpdate } from './use-problem-update.ts';

interface ProblemActionsProps {
  problem: Problem;
  onUpdated: (problem: Problem) => void;
}

export function ProblemActions({ problem, onUpdated }: ProblemActionsProps) {
  const id = useId();
  const { busy, failure, setFailure, done, update } = useProblemUpdate(problem.number, onUpdated);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const moves = statusButtons(problem.status);
  const canDismiss = canMove(problem.status, 'dismissed');

  async function move(to: Status, why?: string) {
    const moved = await update(why ? { status: to, reason: why } : { status: to }, (updated) => `#${updated.number} is now ${STATUS_LABEL[updated.status].toLowerCase()}.`);
    if (moved) {
      setDismissing(false);
      setReason('');
    }
  }

  function dismiss(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setFailure('Say why it is dismissed, e.g. “duplicate of #12” or “false alarm”.');
      reasonRef.current?.focus();
      return;
    }
    void move('dismissed', reason.trim());
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
              onClick={() => void move(m.to)}
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
                requestAnimationFrame(() => reasonRef.current?.focus());
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
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reason for dismissing</label>
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              rows={3}
              required
              maxLength={REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Duplicate of #12, false alarm, …"
            />
          </div>
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
