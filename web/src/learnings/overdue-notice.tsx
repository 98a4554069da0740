import { Link } from 'wouter';
import { getOverdueFollowUps } from '../api/endpoints.ts';
import { useLoaded } from './use-loaded.ts';
import './learnings.css';

/** On the board: how many follow-up actions are past their day, linking to the library. */
export function OverdueFollowUpsNotice() {
  const { data } = useLoaded((signal) => getOverdueFollowUps(signal), 'overdue');
  if (!data || data.count === 0) return null;
  return (
    <p className="overdue-notice">
      <Link href="/learnings">{data.count === 1 ? '1 follow-up action is overdue' : `${data.count} follow-up actions are overdue`}</Link>
    </p>
  );
}
