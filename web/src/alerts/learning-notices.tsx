import { Link } from 'wouter';
import type { LearningAlert } from '../../../shared/learnings.ts';
import { useUser } from '../session/session-context.tsx';
import { useAlerts } from './alerts-context.tsx';

function why(notice: LearningAlert, myId: string): string {
  if (!notice.tagFollowerIds.includes(myId)) return `In ${notice.areaName}, an area you belong to or follow`;
  return `You follow ${notice.tags.length === 1 ? 'its tag' : 'its tags'} ${notice.tags.join(', ')}`;
}

/**
 * Newly published learnings meant for this person: a quiet notice, unlike a pull's alert (no sound,
 * no alarm colour), that links to the learning. One polite live region announces each as it comes.
 */
export function LearningNotices() {
  const me = useUser();
  const { learningNotices, dismissLearningNotice } = useAlerts();
  return (
    <div className="learning-notices" role="status">
      {learningNotices.map((notice) => (
        <div key={notice.id} className="learning-notice">
          <span className="learning-notice__mark" aria-hidden="true">✎</span>
          <div className="learning-notice__text">
            <strong>New learning:</strong> {notice.title}
            <div className="learning-notice__meta">
              {why(notice, me.id)} · published by {notice.publishedBy}
            </div>
          </div>
          <div className="alert-banner__actions">
            <Link href={`/learnings/${encodeURIComponent(notice.id)}`} className="button button--small" onClick={() => dismissLearningNotice(notice.id)}>
              Read the learning
            </Link>
            <button type="button" className="button button--small button--quiet" onClick={() => dismissLearningNotice(notice.id)}
              aria-label={`Dismiss the notice of the learning ${notice.title}`}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
