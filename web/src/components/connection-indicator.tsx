import type { LiveStatus } from '../live/live-connection.ts';

const MEANING: Record<LiveStatus, string> = {
  live: 'Changes appear as they happen.',
  reconnecting: 'Showing what we have; catching up as soon as the connection is back.',
  offline: 'This device is offline; showing what we have.',
};

export function ConnectionIndicator({ status }: { status: LiveStatus }) {
  return (
    <p className={`connection connection--${status}`} role="status" title={MEANING[status]}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      <span data-testid="connection">{status}</span>
    </p>
  );
}
