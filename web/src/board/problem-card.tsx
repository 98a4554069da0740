import { memo } from 'react';
import { Link } from 'wouter';
import type { Problem } from '../../../shared/problems.ts';
import { firingWords } from '../integrations/alert-facts.tsx';
import { ResponseCountdown } from '../escalation/response-countdown.tsx';
import { formatAge, formatWhen } from '../problems/format-age.ts';
import { LEVEL_LABEL, resolvedAt } from '../problems/problem-words.ts';

interface ProblemCardProps {
  problem: Problem;
  areaName: string;
  /** Set when the problem has waited past its area's response target: that target, in minutes. */
  targetMinutes: number | null;
  now: number;
  fresh: boolean;
  index: number;
}

/** A link, so Tab reaches it and Enter opens it; its name starts with "#42" for quick scanning. */
export const ProblemCard = memo(function ProblemCard({ problem, areaName, targetMinutes, now, fresh, index }: ProblemCardProps) {
  const resolved = problem.status === 'resolved' || problem.status === 'learned' ? resolvedAt(problem) : null;
  const since = resolved ?? problem.raisedAt;
  return (
    <Link
      href={`/problems/${problem.number}`}
      className={`card card--${problem.level}${fresh ? ' card--fresh' : ''}${targetMinutes !== null ? ' card--late' : ''}`}
      data-card-index={index}
    >
      <span className="card__top">
        <span className="card__number">#{problem.number}</span>{' '}
        <span className="card__badges">
          {targetMinutes !== null ? <span className="badge badge--late">Over {targetMinutes} min target</span> : null}{' '}
          <span className={`badge badge--${problem.level}`}>{LEVEL_LABEL[problem.level]}</span>
        </span>{' '}
      </span>
      <span className="card__title">{problem.title}</span>{' '}
      {problem.firingAlerts ? <span className="card__firing">{firingWords(problem.firingAlerts)}{' '}</span> : null}
      {problem.status === 'raised' ? (
        <span className="card__countdown">
          <ResponseCountdown problem={problem} />{' '}
        </span>
      ) : null}
      <span className="card__meta">
        <span className="card__area">{areaName}</span>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, raised by </span>
        <span className="card__who">{problem.raisedBy.name}</span>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, {resolved ? 'resolved' : 'age'} </span>
        <time dateTime={since} title={formatWhen(since)}>
          {formatAge(since, now)}
        </time>
        {resolved ? <span className="visually-hidden"> ago</span> : null}
      </span>
    </Link>
  );
});
