import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { Level, RaiseProblemBody } from '../../../shared/problems.ts';
import { DETAILS_MAX, TITLE_MAX } from '../../../shared/limits.ts';
import { useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { MyLearningsPanel } from '../learnings/my-learnings.tsx';
import { SeenBefore } from '../learnings/seen-before.tsx';
import { useShownSuggestions } from '../learnings/shown-suggestions.ts';
import { LEVEL_MEANING } from '../problems/problem-words.ts';
import { initialAreaChoice, rememberAreaChoice } from '../pulls/area-choice.ts';
import { PullResult, type PullResultState } from '../pulls/pull-result.tsx';
import { usePulls } from '../pulls/pulls-context.tsx';
import { RecentPulls } from '../pulls/recent-pulls.tsx';

export function PullPage() {
  usePageTitle('Pull');
  const id = useId();
  const { pull, recent, waiting } = usePulls();
  const { areas, loaded: areasLoaded, error: areasError } = useAreas();
  const openAreas = areas.filter((a) => !a.archived);
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [showDetails, setShowDetails] = useState(false);
  const [chosenArea, setChosenArea] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [result, setResult] = useState<PullResultState>(null);
  // A ref, not state: two clicks in the same frame both see the old state, but not the old ref.
  const sendingRef = useRef(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const shownSuggestions = useShownSuggestions();
  const area = chosenArea && openAreas.some((a) => a.slug === chosenArea) ? chosenArea : initialAreaChoice(areas);

  async function pullWith(level: Level) {
    if (sendingRef.current) return;
    const trimmed = title.trim();
    if (!trimmed) {
      setTitleError('Say in a few words what you saw.');
      titleRef.current?.focus();
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setTitleError(null);
    setRefusal(null);
    const body: RaiseProblemBody = { title: trimmed, level };
    if (area) body.area = area;
    if (details.trim()) body.details = details.trimEnd();
    try {
      const outcome = await pull(body);
      if (outcome.kind === 'refused') {
        const fieldMessage = outcome.refusal.details.find((d) => d.field?.endsWith('title'))?.message;
        setRefusal(outcome.refusal.message);
        if (fieldMessage) setTitleError(fieldMessage);
        setResult(null);
        return;
      }
      if (outcome.kind === 'skipped') return;
      shownSuggestions.report();
      setResult({ key: outcome.key, title: trimmed });
      setTitle('');
      setDetails('');
    } finally {
      sendingRef.current = false;
      setSending(false);
      // The pressed button was disabled while sending; bring focus back for the next pull.
      requestAnimationFrame(() => titleRef.current?.focus());
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = event.nativeEvent.submitter as HTMLButtonElement | null;
    void pullWith(submitter?.value === 'stop' ? 'stop' : 'help');
  }

  const lastNumber = recent.find((r) => r.key === result?.key)?.problem.number ?? null;
  return (
    <div className="pull-page">
      <h1 tabIndex={-1} className="pull-page__title">
        Pull the cord
      </h1>
      <p className="lead">Saw something that is not as expected? Say it in one line. More pulls is good news.</p>
      <form className="pull-form" onSubmit={submit} aria-describedby={`${id}-how`}>
        <p id={`${id}-how`} className="visually-hidden">
          Press Enter to pull Help, or choose Stop if the line must stop.
        </p>
        <div className="field field--big">
          <label htmlFor={`${id}-title`}>What did you see?</label>
          <input
            ref={titleRef}
            id={`${id}-title`}
            name="title"
            autoFocus
            autoComplete="off"
            enterKeyHint="send"
            maxLength={TITLE_MAX}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (titleError) setTitleError(null);
            }}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? `${id}-title-error` : undefined}
            placeholder="e.g. Checkout returns 500 for card payments"
          />
          {titleError && (
            <p id={`${id}-title-error`} className="field__error">
              {titleError}
            </p>
          )}
          <SeenBefore text={title} shown={shownSuggestions} />
        </div>

        <div className="pull-form__row">
          {openAreas.length > 0 ? (
            <div className="field">
              <label htmlFor={`${id}-area`}>Area</label>
              <select
                id={`${id}-area`}
                value={area}
                onChange={(e) => {
                  setChosenArea(e.target.value);
                  rememberAreaChoice(e.target.value);
                }}
              >
                {openAreas.map((a) => (
                  <option key={a.slug} value={a.slug}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          ) : !areasLoaded && areasError == null ? (
            // Holds the picker's room on a first visit (nothing kept yet), so the buttons do not jump when it arrives.
            <div className="field">
              <label htmlFor={`${id}-area`}>Area</label>
              <select id={`${id}-area`} disabled>
                <option>Loading areas…</option>
              </select>
            </div>
          ) : null}
          <button
            type="button"
            className="button button--quiet pull-form__details-toggle"
            aria-expanded={showDetails}
            aria-controls={`${id}-details-field`}
            onClick={() => setShowDetails((open) => !open)}
          >
            {showDetails ? 'Hide details' : 'Add details'}
          </button>
        </div>

        <div id={`${id}-details-field`} className="field" hidden={!showDetails}>
          <label htmlFor={`${id}-details`}>Details</label>
          <textarea
            id={`${id}-details`}
            name="details"
            rows={5}
            maxLength={DETAILS_MAX}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
            placeholder="What were you doing? What did you expect? What happened instead?"
          />
        </div>

        <div className="pull-form__levels">
          <button type="submit" name="level" value="help" className="level-button level-button--help" disabled={sending} aria-label="Help" aria-describedby={`${id}-help-means`}>
            <span className="level-button__name" aria-hidden="true">Help</span>
            <span id={`${id}-help-means`} className="level-button__means">{LEVEL_MEANING.help}</span>
          </button>
          <button type="submit" name="level" value="stop" className="level-button level-button--stop" disabled={sending} aria-label="Stop" aria-describedby={`${id}-stop-means`}>
            <span className="level-button__name" aria-hidden="true">Stop</span>
            <span id={`${id}-stop-means`} className="level-button__means">{LEVEL_MEANING.stop}</span>
          </button>
        </div>
        {sending && <p className="muted" aria-hidden="true">Sending…</p>}
        <div role="alert" className={refusal ? 'alert alert--error' : 'alert alert--empty'}>
          {refusal && <>Not pulled: {refusal}</>}
        </div>
      </form>

      <PullResult result={result} recent={recent} waitingKeys={waiting.map((p) => p.key)} />
      {recent.length > 0 && <RecentPulls skipNumber={lastNumber} />}
      <MyLearningsPanel />
    </div>
  );
}
