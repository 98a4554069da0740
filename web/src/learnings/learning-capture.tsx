import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Learning, ProblemLearning, SaveLearningBody } from '../../../shared/learnings.ts';
import type { Problem } from '../../../shared/problems.ts';
import { getProblemLearning, publishLearning } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { LearningForm } from './learning-form.tsx';

function startFrom(answer: ProblemLearning): SaveLearningBody {
  const { learning, prefill } = answer;
  if (learning) {
    const { title, summary, expected, cause, changes, detection, tags } = learning;
    return { title, summary, expected, cause, changes, detection, tags, followUps: learning.followUps.map((f) => ({ id: f.id, text: f.text, ownerId: f.owner.id, dueOn: f.dueOn })) };
  }
  return { ...prefill, expected: '', detection: '', tags: [], followUps: [] };
}
import './learnings.css';

/** On a resolved problem: the invitation to capture its learning, the guided form, and publishing. */
export function LearningCapture({ problem }: { problem: Problem }) {
  const [answer, setAnswer] = useState<ProblemLearning | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [, navigate] = useLocation();
  const publishing = useSubmit();
  const relevant = problem.status === 'resolved' || problem.status === 'learned';

  useEffect(() => {
    if (!relevant) return;
    const controller = new AbortController();
    getProblemLearning(problem.number, controller.signal).then(
      (loaded) => { setAnswer(loaded); setLoadError(null); },
      (error: unknown) => { if (!controller.signal.aborted) setLoadError(describeError(error)); },
    );
    return () => controller.abort();
  }, [problem.number, relevant]);

  if (!relevant) return null;
  const learning = answer?.learning ?? null;
  const saved = (next: Learning) => setAnswer((current) => (current ? { ...current, learning: next } : current));
  const publish = (id: string) => void publishing.submit(async () => {
    await publishLearning(id);
    navigate(`/learnings/${encodeURIComponent(id)}`);
  });

  return (
    <section aria-labelledby="learning-title" className="problem-page__section learning-capture">
      <h2 id="learning-title">Learning</h2>
      {loadError && <p role="alert" className="alert alert--error">Could not load the learning: {loadError}</p>}
      {answer && !learning && !editing && (
        <div className="invitation">
          <p>This problem is resolved. Capture what the swarm learned while it is fresh, so the next person who meets it knows.</p>
          <button type="button" className="button button--primary" onClick={() => setEditing(true)}>Capture the learning</button>
        </div>
      )}
      {learning?.state === 'published' && (
        <p>
          Published: <Link href={`/learnings/${encodeURIComponent(learning.id)}`}>{learning.title}</Link>{' '}
          {!editing && <button type="button" className="button button--quiet button--small" onClick={() => setEditing(true)}>Edit</button>}
        </p>
      )}
      {answer && (editing || learning?.state === 'draft') && (
        <LearningForm number={problem.number} start={startFrom(answer)} onSaved={saved}
          saveLabel={learning?.state === 'published' ? 'Save a new revision' : 'Save the draft'} />
      )}
      {learning?.state === 'draft' && (
        <div className="learning-capture__publish">
          <button type="button" className="button button--primary" disabled={publishing.busy || problem.status !== 'resolved'} onClick={() => publish(learning.id)}>
            Publish the learning
          </button>
          <p className="field__hint">Publishing shares it with the area and marks the problem learned. Save the draft first.</p>
          <FormAlert message={publishing.failure?.message} />
        </div>
      )}
    </section>
  );
}
