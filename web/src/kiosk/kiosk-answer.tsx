import type { KioskPull } from '../../../shared/pull-links.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';

export type KioskAnswerState =
  | { kind: 'sent'; pull: KioskPull }
  | { kind: 'waiting'; reason: string };

/** The answer to "did my pull go through?", big enough to read from a metre away. */
export function KioskAnswer({ answer, onAgain, onRetry }: { answer: KioskAnswerState; onAgain: () => void; onRetry: () => void }) {
  if (answer.kind === 'waiting') {
    return (
      <div className="kiosk-answer kiosk-answer--waiting">
        <p className="kiosk-answer__headline">Kept on this device — not sent yet</p>
        <p>{answer.reason} Your pull is safe here and is sent by itself as soon as Andon takes it.</p>
        <div className="kiosk-answer__actions">
          <button type="button" className="button kiosk-answer__button" onClick={onRetry}>Try sending now</button>
          <button type="button" className="button button--quiet kiosk-answer__button" onClick={onAgain}>Make another pull</button>
        </div>
      </div>
    );
  }
  const { pull } = answer;
  return (
    <div className={`kiosk-answer kiosk-answer--${pull.level}`}>
      <p className="kiosk-answer__headline">
        Pulled <span className="kiosk-answer__number">#{pull.number}</span>
      </p>
      <p>
        {LEVEL_LABEL[pull.level]} in {pull.areaName}: “{pull.title}”. It is on the board for the responders now.
      </p>
      <div className="kiosk-answer__actions">
        <button type="button" className="button kiosk-answer__button" onClick={onAgain}>Make another pull</button>
      </div>
    </div>
  );
}
