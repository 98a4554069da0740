import { useState } from 'react';
import type { KioskPullBody } from '../../../shared/pull-links.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { KioskAnswer, type KioskAnswerState } from '../kiosk/kiosk-answer.tsx';
import { KioskForm } from '../kiosk/kiosk-form.tsx';
import { KioskTurnedOff } from '../kiosk/kiosk-turned-off.tsx';
import { isLinkRefusal, useKioskLink } from '../kiosk/use-kiosk-link.ts';
import { useKioskPulls } from '../kiosk/use-kiosk-pulls.ts';
import '../kiosk/kiosk.css';

/** The pull page for people without an account, opened from a pull link or its QR code: `/k/<code>`. */
export function KioskPage({ code }: { code: string }) {
  const [link, turnOff] = useKioskLink(code);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The last pull made here, by its idempotency key; cleared by "Make another pull".
  const [lastKey, setLastKey] = useState<string | null>(null);
  const { pull, answers, waiting, retryNow } = useKioskPulls(code, (outcome) => {
    if (isLinkRefusal(outcome.refusal.status)) turnOff(outcome.refusal.message);
    else if (outcome.key === lastKey) setLastKey(null);
    setRefusal(outcome.refusal.message);
  });
  usePageTitle(link.phase === 'ready' ? `Pull · ${link.kiosk.areaName}` : 'Pull link');

  if (link.phase === 'off') return <KioskTurnedOff message={link.message} />;
  if (link.phase !== 'ready') {
    return (
      <div className="kiosk">
        <h1 tabIndex={-1} className="kiosk__title">Pull the cord</h1>
        <p className="kiosk__message" role="status">
          {link.phase === 'loading' ? 'Opening…' : 'Cannot reach Andon right now. This page tries again by itself.'}
        </p>
      </div>
    );
  }

  async function onPull(body: KioskPullBody) {
    setRefusal(null);
    setLastKey(await pull(body));
  }

  const sent = lastKey ? answers[lastKey] : undefined;
  const queued = lastKey ? waiting.find((p) => p.key === lastKey) : undefined;
  const answer: KioskAnswerState | null = sent
    ? { kind: 'sent', pull: sent }
    : queued ? { kind: 'waiting', reason: queued.lastProblem ?? 'Andon has not answered yet.' } : null;
  const { kiosk } = link;
  return (
    <div className="kiosk">
      <div className="kiosk__where">
        <p className="kiosk__area">{kiosk.areaName}</p>
        {kiosk.label && <p className="kiosk__label">{kiosk.label}</p>}
      </div>
      <h1 tabIndex={-1} className="kiosk__title">Pull the cord</h1>
      <div role="status" aria-live="polite">
        {answer && <KioskAnswer answer={answer} onAgain={() => setLastKey(null)} onRetry={retryNow} />}
      </div>
      {!answer && (
        <>
          <p className="kiosk__message">Saw something that is not as expected? Press Stop or Help. Nobody is blamed for pulling.</p>
          <KioskForm onPull={onPull} refusal={refusal} />
        </>
      )}
    </div>
  );
}
