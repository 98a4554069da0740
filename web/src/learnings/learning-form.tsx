import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { FollowUpInput, Learning, SaveLearningBody } from '../../../shared/learnings.ts';
import { FOLLOW_UP_TEXT_MAX, LEARNING_FIELD_MAX, LEARNING_TEXT_FIELDS } from '../../../shared/values/learnings.ts';
import type { Person } from '../../../shared/escalation.ts';
import { TITLE_MAX } from '../../../shared/limits.ts';
import { listPeople, saveLearning } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { FIELD_QUESTIONS, tagsFrom } from './learning-words.ts';

interface LearningFormProps {
  number: number;
  start: SaveLearningBody;
  onSaved: (learning: Learning) => void;
  /** Words on the save button: a draft is saved, a published learning gets a new revision. */
  saveLabel: string;
}

const blankFollowUp = (): FollowUpInput => ({ text: '', ownerId: '', dueOn: '' });

/** The guided capture form: what happened, expected, why, what changed, how to see it sooner, tags, follow-ups. */
export function LearningForm({ number, start, onSaved, saveLabel }: LearningFormProps) {
  const id = useId();
  const [body, setBody] = useState(start);
  const [tags, setTags] = useState(start.tags.join(', '));
  const [followUps, setFollowUps] = useState<FollowUpInput[]>(start.followUps ?? []);
  const [people, setPeople] = useState<Person[]>([]);
  const submission = useSubmit();

  useEffect(() => {
    const controller = new AbortController();
    listPeople().then((answer) => { if (!controller.signal.aborted) setPeople(answer.items); }, () => undefined);
    return () => controller.abort();
  }, []);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submission.submit(async () => {
      const saved = await saveLearning(number, { ...body, tags: tagsFrom(tags), followUps: followUps.filter((f) => f.text.trim()) });
      onSaved(saved);
      return 'Saved.';
    });
  }

  const setFollowUp = (i: number, change: Partial<FollowUpInput>) => setFollowUps((list) => list.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const fieldError = (field: string) => submission.failure?.fields[field];

  return (
    <form className="learning-form" onSubmit={submit} aria-label="Learning">
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} required maxLength={TITLE_MAX} value={body.title} onChange={(e) => setBody({ ...body, title: e.target.value })}
          aria-invalid={fieldError('title') ? true : undefined} />
        {fieldError('title') && <p className="field__error">{fieldError('title')}</p>}
      </div>
      {LEARNING_TEXT_FIELDS.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>{FIELD_QUESTIONS[field].label}</label>
          <p id={`${id}-${field}-hint`} className="field__hint">{FIELD_QUESTIONS[field].hint} Markdown.</p>
          <textarea id={`${id}-${field}`} rows={4} maxLength={LEARNING_FIELD_MAX} value={body[field]} aria-describedby={`${id}-${field}-hint`}
            onChange={(e) => setBody({ ...body, [field]: e.target.value })} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <p id={`${id}-tags-hint`} className="field__hint">Separated by commas, e.g. database, checkout.</p>
        <input id={`${id}-tags`} value={tags} aria-describedby={`${id}-tags-hint`} onChange={(e) => setTags(e.target.value)} />
      </div>
      <fieldset className="learning-form__follow-ups">
        <legend>Follow-up actions</legend>
        {followUps.map((followUp, i) => (
          <div className="follow-up-row" key={followUp.id ?? `new-${i}`}>
            <div className="field">
              <label htmlFor={`${id}-fu-${i}-text`}>Action {i + 1}</label>
              <input id={`${id}-fu-${i}-text`} maxLength={FOLLOW_UP_TEXT_MAX} value={followUp.text} onChange={(e) => setFollowUp(i, { text: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-fu-${i}-owner`}>Owner</label>
              <select id={`${id}-fu-${i}-owner`} value={followUp.ownerId} onChange={(e) => setFollowUp(i, { ownerId: e.target.value })}>
                <option value="">Choose…</option>
                {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-fu-${i}-due`}>Due</label>
              <input id={`${id}-fu-${i}-due`} type="date" value={followUp.dueOn} onChange={(e) => setFollowUp(i, { dueOn: e.target.value })} />
            </div>
            <button type="button" className="button button--quiet button--small" onClick={() => setFollowUps((list) => list.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> action {i + 1}</span>
            </button>
          </div>
        ))}
        <button type="button" className="button button--quiet button--small" onClick={() => setFollowUps((list) => [...list, blankFollowUp()])}>
          Add a follow-up action
        </button>
      </fieldset>
      <FormAlert message={submission.failure?.message} />
      <div className="learning-form__actions">
        <button type="submit" className="button" disabled={submission.busy}>{saveLabel}</button>
        <p role="status" className="muted">{submission.done}</p>
      </div>
    </form>
  );
}
