import { useId, useState, type SubmitEvent } from 'react';
import type { EntryRevisionList, TimelineEntry } from '../../../shared/timeline.ts';
import { ENTRY_BODY_MAX, ENTRY_KINDS } from '../../../shared/values/timeline.ts';
import { editTimelineEntry, getEntryRevisions } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { useUser } from '../session/session-context.tsx';
import { SafeMarkdown } from './markdown.tsx';
import { KIND_LOOK } from './timeline-words.ts';

const written = (kind: string) => (ENTRY_KINDS as readonly string[]).includes(kind);

export function TimelineList({ entries, onChanged }: { entries: TimelineEntry[]; onChanged: (entry: TimelineEntry) => void }) {
  if (entries.length === 0) return <p className="muted">Nothing on the timeline yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) => <TimelineItem key={entry.id} entry={entry} onChanged={onChanged} />)}
    </ol>
  );
}

function TimelineItem({ entry, onChanged }: { entry: TimelineEntry; onChanged: (entry: TimelineEntry) => void }) {
  const me = useUser();
  const look = KIND_LOOK[entry.kind];
  const [editing, setEditing] = useState(false);
  const mine = written(entry.kind) && entry.author?.kind === 'user' && entry.author.id === me.id;
  return (
    <li className={`timeline__entry timeline__entry--${entry.kind}${written(entry.kind) ? '' : ' timeline__entry--system'}`} data-entry-id={entry.id}>
      <p className="timeline__meta">
        <span className="timeline__kind"><span aria-hidden="true" className="timeline__mark">{look.mark}</span> {look.label}</span>
        {entry.verdict && <span className={`badge badge--${entry.verdict}`}>{entry.verdict === 'confirmed' ? '✔ Confirmed' : '✘ Refuted'}</span>}
        {' '}<span className="muted">{entry.author?.name ?? 'Andon'} · <time dateTime={entry.at}>{formatWhen(entry.at)}</time>{entry.editedAt && ' · edited'}</span>
      </p>
      {editing ? (
        <EditForm entry={entry} onDone={(e) => { setEditing(false); if (e) onChanged(e); }} />
      ) : written(entry.kind) ? <SafeMarkdown text={entry.body} /> : <p className="timeline__system">{entry.body}</p>}
      {!editing && (mine || entry.editedAt) && (
        <p className="timeline__tools">
          {mine && <button type="button" className="button button--small button--quiet" onClick={() => setEditing(true)}>Edit</button>}
          {entry.editedAt && <Revisions entry={entry} />}
        </p>
      )}
    </li>
  );
}

function EditForm({ entry, onDone }: { entry: TimelineEntry; onDone: (entry?: TimelineEntry) => void }) {
  const id = useId();
  const [body, setBody] = useState(entry.body);
  const { busy, failure, submit } = useSubmit();
  function save(event: SubmitEvent) {
    event.preventDefault();
    void submit(async () => onDone(await editTimelineEntry(entry.problemNumber, entry.id, { body })));
  }
  return (
    <form onSubmit={save} className="stack" aria-label="Edit entry">
      <div className="field">
        <label htmlFor={`${id}-body`}>Edit entry (Markdown)</label>
        <textarea id={`${id}-body`} rows={4} maxLength={ENTRY_BODY_MAX} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="problem-actions__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>Save</button>
        <button type="button" className="button button--quiet" onClick={() => onDone()}>Cancel</button>
      </div>
      <FormAlert message={failure?.message} />
    </form>
  );
}

function Revisions({ entry }: { entry: TimelineEntry }) {
  const [revisions, setRevisions] = useState<EntryRevisionList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = (event: React.SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) getEntryRevisions(entry.problemNumber, entry.id).then(setRevisions, (e: unknown) => setError(describeError(e)));
  };
  return (
    <details className="timeline__revisions" onToggle={toggle}>
      <summary>Earlier versions</summary>
      {error && <p role="alert">{error}</p>}
      <ol>
        {revisions?.items.map((r) => (
          <li key={r.replacedAt}>
            <p className="muted">Until <time dateTime={r.replacedAt}>{formatWhen(r.replacedAt)}</time></p>
            <SafeMarkdown text={r.body} />
          </li>
        ))}
      </ol>
    </details>
  );
}
