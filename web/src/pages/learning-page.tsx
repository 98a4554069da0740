import { useState } from 'react';
import { Link } from 'wouter';
import type { LearningDetail, LearningRevision } from '../../../shared/learnings.ts';
import { LEARNING_TEXT_FIELDS } from '../../../shared/values/learnings.ts';
import { acknowledgeLearning, getLearning, setFollowUpDone } from '../api/endpoints.ts';
import { areaName, useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { FIELD_QUESTIONS } from '../learnings/learning-words.ts';
import { useLoaded } from '../learnings/use-loaded.ts';
import { formatWhen } from '../problems/format-age.ts';
import { SafeMarkdown } from '../timeline/markdown.tsx';
import '../learnings/learnings.css';

function Fields({ version }: { version: Pick<LearningRevision, (typeof LEARNING_TEXT_FIELDS)[number]> }) {
  return (
    <>
      {LEARNING_TEXT_FIELDS.filter((field) => version[field]).map((field) => (
        <section key={field} className="learning-page__field">
          <h2>{FIELD_QUESTIONS[field].label}</h2>
          <SafeMarkdown text={version[field]} />
        </section>
      ))}
    </>
  );
}

export function LearningPage({ id }: { id: string }) {
  const loaded = useLoaded((signal) => getLearning(id, signal), id);
  usePageTitle(loaded.data?.learning.title ?? 'Learning');
  return (
    <article className="learning-page" aria-labelledby="learning-page-title">
      <h1 id="learning-page-title" tabIndex={-1}>{loaded.data?.learning.title ?? 'Learning'}</h1>
      {loaded.error && <p role="alert" className="alert alert--error">Could not load this learning: {loaded.error}</p>}
      {!loaded.data && !loaded.error && <p role="status" className="muted">Loading…</p>}
      {loaded.data && <LearningBody detail={loaded.data} onChanged={loaded.set} />}
    </article>
  );
}

function LearningBody({ detail, onChanged }: { detail: LearningDetail; onChanged: (detail: LearningDetail) => void }) {
  const { learning, spread, revisions, recurrences } = detail;
  const { areas } = useAreas();
  const acknowledging = useSubmit();
  const ticking = useSubmit();
  const [shownRevision, setShownRevision] = useState<number | null>(null);
  const older = revisions.find((r) => r.revision === shownRevision && r.revision !== learning.revision) ?? null;

  const acknowledge = () => void acknowledging.submit(async () => {
    onChanged(await acknowledgeLearning(learning.id));
    return 'Marked read and understood.';
  });
  const tick = (followUpId: string, done: boolean) => void ticking.submit(async () => {
    const next = await setFollowUpDone(learning.id, followUpId, done);
    onChanged({ ...detail, learning: next });
  });

  return (
    <>
      <p className="learning-page__meta">
        {learning.state === 'draft' ? <span className="badge">Draft</span> : <>Published {learning.publishedAt && formatWhen(learning.publishedAt)}</>}
        {' · '}{areaName(areas, learning.area)}{' · from '}<Link href={`/problems/${learning.problemNumber}`}>problem #{learning.problemNumber}</Link>
        {learning.tags.length > 0 && <> · {learning.tags.map((tag) => <Link key={tag} className="tag" href={`/learnings?tag=${encodeURIComponent(tag)}`}>{tag}</Link>)}</>}
        {' · '}<a href={`/api/learnings/${encodeURIComponent(learning.id)}/export.md`} download>Download as Markdown</a>
      </p>

      <section className="learning-page__spread" aria-labelledby="spread-title">
        <h2 id="spread-title">Spread</h2>
        <p>
          <strong>{Math.round(spread.share * 100)}%</strong> of the area&apos;s {spread.members} members have acknowledged it
          ({spread.membersAcknowledged} of {spread.members}); {spread.acknowledged.length} {spread.acknowledged.length === 1 ? 'person' : 'people'} in all.
        </p>
        {spread.acknowledged.length > 0 && (
          <ul className="learning-page__people" aria-label="Acknowledged by">
            {spread.acknowledged.map((a) => <li key={a.id}>{a.name}</li>)}
          </ul>
        )}
        <p className="muted">
          Recurred {learning.recurrences} {learning.recurrences === 1 ? 'time' : 'times'} · opened from a suggestion {learning.suggestionOpens} {learning.suggestionOpens === 1 ? 'time' : 'times'}
        </p>
        {learning.state === 'published' && (learning.acknowledgedByMe ? (
          <p className="acknowledged">You have read and understood this.</p>
        ) : (
          <button type="button" className="button button--primary" disabled={acknowledging.busy} onClick={acknowledge}>
            I have read and understood this
          </button>
        ))}
        <FormAlert message={acknowledging.failure?.message} />
        <p role="status" className="visually-hidden">{acknowledging.done}</p>
      </section>

      <Fields version={older ?? learning} />

      {learning.followUps.length > 0 && (
        <section aria-labelledby="follow-ups-title" className="learning-page__field">
          <h2 id="follow-ups-title">Follow-up actions</h2>
          <ul className="follow-ups">
            {learning.followUps.map((f) => (
              <li key={f.id} className={f.overdue ? 'overdue' : undefined}>
                <label className="check">
                  <input type="checkbox" checked={f.doneAt !== null} disabled={ticking.busy}
                    onChange={(e) => tick(f.id, e.target.checked)} />
                  {f.text}
                </label>{' '}
                <span className="muted">{f.owner.name}, due {f.dueOn}</span>{f.overdue && <strong> overdue</strong>}
              </li>
            ))}
          </ul>
          <FormAlert message={ticking.failure?.message} />
        </section>
      )}

      {recurrences.length > 0 && (
        <section aria-labelledby="recurrences-title" className="learning-page__field">
          <h2 id="recurrences-title">It happened again</h2>
          <ul>{recurrences.map((r) => <li key={r.number}><Link href={`/problems/${r.number}`}>#{r.number} {r.title}</Link></li>)}</ul>
        </section>
      )}

      {revisions.length > 1 && (
        <section aria-labelledby="revisions-title" className="learning-page__field">
          <h2 id="revisions-title">Revisions</h2>
          <ol className="revisions">
            {revisions.map((r) => (
              <li key={r.revision}>
                <button type="button" className="button button--quiet button--small" aria-pressed={(older?.revision ?? learning.revision) === r.revision}
                  onClick={() => setShownRevision(r.revision)}>
                  Revision {r.revision}
                </button>{' '}
                <span className="muted">{r.editedBy}, {formatWhen(r.at)}{r.revision === learning.revision ? ' (current)' : ''}</span>
              </li>
            ))}
          </ol>
          {older && <p role="status">Showing revision {older.revision} above.</p>}
        </section>
      )}
    </>
  );
}
