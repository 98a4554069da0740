import { useId, useState, type SubmitEvent } from 'react';
import type { EntryKind, TimelineEntry } from '../../../shared/timeline.ts';
import { ENTRY_BODY_MAX, ENTRY_KINDS } from '../../../shared/values/timeline.ts';
import { addTimelineEntry } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { KIND_HINT, KIND_LOOK } from './timeline-words.ts';

/** Add an entry: pick its kind, write Markdown. */
export function EntryForm({ number, onAdded }: { number: number; onAdded: (entry: TimelineEntry) => void }) {
  const id = useId();
  const [kind, setKind] = useState<EntryKind>('observation');
  const [body, setBody] = useState('');
  const { busy, failure, done, setFailure, submit } = useSubmit();

  function send(event: SubmitEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setFailure('Write something first.');
      return;
    }
    // useSubmit shows a failure itself: only a success clears the field.
    void submit(async () => {
      const entry = await addTimelineEntry(number, { kind, body });
      onAdded(entry);
      return `${KIND_LOOK[entry.kind].label} added.`;
    }).then((sent) => {
      if (sent) setBody('');
    });
  }

  return (
    <form className="entry-form stack" onSubmit={send} aria-label="Add to the timeline">
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind of entry</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as EntryKind)}>
          {ENTRY_KINDS.map((k) => (
            <option key={k} value={k}>{KIND_LOOK[k].label}: {KIND_HINT[k]}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Entry (Markdown)</label>
        <textarea id={`${id}-body`} rows={4} maxLength={ENTRY_BODY_MAX} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>Add entry</button>
      </div>
      <FormAlert message={failure?.message} />
      <p role="status" className="problem-actions__done">{done}</p>
    </form>
  );
}
