import { memo } from 'react';
import { Link } from 'wouter';
import type { Problem } from '../../../shared/problems.ts';
import { firingWords } from '../integrations/firing-words.ts';
import { ResponseCountdown } from '../escalation/response-countdown.tsx';
import { formatAge, formatStamp } from '../problems/format-age.ts';
import { LEVEL_LABEL, STATUS_LABEL } from '../problems/problem-words.ts';
import { lateByMs, lateText } from './board-urgency.ts';

interface ProblemCardProps {
  problem: Problem;
  areaName: string;
  now: number;
  fresh: boolean;
  index: number;
}

/** When the problem entered the status it is in: the last move to it, or the pull itself. */
function statusSince(problem: Problem): string {
  for (let i = problem.history.length - 1; i >= 0; i--) {
    if (problem.history[i].to === problem.status) return problem.history[i].at;
  }
  return problem.raisedAt;
}

/**
 * A link, so Tab reaches it and Enter opens it; its name starts with "#42" for quick scanning.
 * Level, lateness and who is on it are all said in words: the colours only repeat them.
 */
export const ProblemCard = memo(function ProblemCard({ problem, areaName, now, fresh, index }: ProblemCardProps) {
  const late = lateByMs(problem, now);
  const since = statusSince(problem);
  const closed = problem.status === 'resolved' || problem.status === 'learned';
  const swarmSize = problem.swarm.length;
  return (
    <Link
      href={`/problems/${problem.number}`}
      className={`card card--${problem.level}${fresh ? ' card--fresh' : ''}${late > 0 ? ' card--late' : ''}`}
      data-card-index={index}
    >
      <span className="card__top">
        <span className="card__number">#{problem.number}</span>{' '}
        <span className="card__badges">
          {late > 0 ? (
            <span className="badge badge--late" data-testid="late">
              {lateText(late)}
            </span>
          ) : null}{' '}
          <span className={`badge badge--${problem.level}`}>{LEVEL_LABEL[problem.level]}</span>
        </span>{' '}
      </span>
      <span className="card__title">{problem.title}</span>{' '}
      {problem.firingAlerts ? <span className="card__firing">{firingWords(problem.firingAlerts)}{' '}</span> : null}
      {problem.status === 'raised' && (late === 0 || problem.escalation.escalated) ? (
        <span className="card__countdown">
          <ResponseCountdown problem={problem} />{' '}
        </span>
      ) : null}
      {problem.lead || swarmSize > 0 ? (
        <span className="card__swarm">
          {problem.lead ? <span className="card__lead">{problem.lead.name} leads</span> : null}
          {problem.lead ? <span aria-hidden="true"> · </span> : null}
          {problem.lead ? <span className="visually-hidden">, </span> : null}
          <span className="card__swarm-size">{swarmSize} in swarm</span>{' '}
        </span>
      ) : null}
      <span className="card__meta">
        <span className="card__area">{areaName}</span>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, raised by </span>
        <span className="card__who">{problem.raisedBy.name}</span>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, </span>
        <span className="card__since">
          {closed ? 'resolved' : STATUS_LABEL[problem.status].toLowerCase()}{' '}
          <time dateTime={since} title={formatStamp(since)}>
            {formatAge(since, now)}
          </time>
          {closed ? ' ago' : null}
        </span>
      </span>
    </Link>
  );
});
