import { useId, useRef, useState, type SubmitEvent } from 'react';
import { NAME_MAX, TITLE_MAX } from '../../../shared/limits.ts';
import type { Level } from '../../../shared/problems.ts';
import type { KioskPullBody } from '../../../shared/pull-links.ts';
import { LEVEL_LABEL, LEVEL_MEANING } from '../problems/problem-words.ts';

interface KioskFormProps {
  onPull: (body: KioskPullBody) => Promise<void>;
  /** Why the last pull was turned down, in the server's words. */
  refusal: string | null;
}

/** Two huge buttons and two optional one-line fields: pressing Stop alone is a whole pull. */
export function KioskForm({ onPull, refusal }: KioskFormProps) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [name, setName] = useState('');
  const [sending, setSending] = useState(false);
  // A ref, not state: two taps in the same frame both see the old state, but not the old ref.
  const sendingRef = useRef(false);

  async function pullWith(level: Level) {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    const body: KioskPullBody = { level };
    if (title.trim()) body.title = title.trim();
    if (name.trim()) body.name = name.trim();
    try {
      await onPull(body);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = event.nativeEvent.submitter as HTMLButtonElement | null;
    void pullWith(submitter?.value === 'stop' ? 'stop' : 'help');
  }

  return (
    <form className="kiosk-form" onSubmit={submit}>
      <div className="kiosk-form__levels">
        {(['stop', 'help'] as const).map((level) => (
          <button
            key={level}
            type="submit"
            name="level"
            value={level}
            className={`kiosk-button kiosk-button--${level}`}
            disabled={sending}
            aria-label={LEVEL_LABEL[level]}
            aria-describedby={`${id}-${level}-means`}
          >
            <span className="kiosk-button__name" aria-hidden="true">{LEVEL_LABEL[level]}</span>
            <span id={`${id}-${level}-means`} className="kiosk-button__means">{LEVEL_MEANING[level]}</span>
          </button>
        ))}
      </div>
      <div className="kiosk-form__fields">
        <div className="field kiosk-field">
          <label htmlFor={`${id}-title`}>What did you see? <span className="kiosk-field__optional">(if you can say)</span></label>
          <input id={`${id}-title`} name="title" autoComplete="off" enterKeyHint="send" maxLength={TITLE_MAX} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field kiosk-field">
          <label htmlFor={`${id}-name`}>Your name <span className="kiosk-field__optional">(optional)</span></label>
          <input id={`${id}-name`} name="name" autoComplete="off" maxLength={NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
      </div>
      {sending && <p className="kiosk__sending" aria-hidden="true">Sending…</p>}
      <div role="alert" className={refusal ? 'alert alert--error' : 'alert alert--empty'}>
        {refusal && <>Not pulled: {refusal}</>}
      </div>
    </form>
  );
}
