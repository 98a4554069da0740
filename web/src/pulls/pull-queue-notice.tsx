import { Link } from 'wouter';
import { usePulls } from './pulls-context.tsx';

/** The live region is always rendered (empty when nothing waits) so screen readers announce it when it fills. */
export function PullQueueNotice() {
  const { waiting, retryNow, lateRefusal, dismissLateRefusal } = usePulls();
  const count = waiting.length;
  const needsSignIn = waiting.some((p) => p.needsSignIn);
  return (
    <>
      <div className="notice-area" role="status" aria-live="polite">
        {count > 0 && (
          <div className="notice notice--waiting" data-testid="pull-queue">
            <div className="notice__text">
              <p>
                <strong>Not sent yet</strong> — {count} {count === 1 ? 'pull' : 'pulls'} waiting, will retry automatically.
                {needsSignIn && (
                  <>
                    {' '}Your session has ended: <Link href="/signin">sign in again</Link> to send {count === 1 ? 'it' : 'them'}.
                  </>
                )}
              </p>
              <p className="notice__detail">Saved on this device: {waiting.map((p) => `“${p.body.title}”`).join(', ')}</p>
            </div>
            <button type="button" className="button button--small" onClick={retryNow}>
              Retry now
            </button>
          </div>
        )}
      </div>
      {lateRefusal && (
        <div className="notice notice--error" role="alert">
          <p>
            The pull “{lateRefusal.title}” was refused: {lateRefusal.refusal.message}
          </p>
          <button type="button" className="button button--small" onClick={dismissLateRefusal}>
            OK
          </button>
        </div>
      )}
    </>
  );
}
