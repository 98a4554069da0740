import { Link } from 'wouter';
import { useSeconds } from '../browser/use-seconds.ts';
import { ConnectionIndicator } from '../components/connection-indicator.tsx';
import type { LiveStatus } from '../live/live-connection.ts';

// Made on first use (only a TV board shows the clock): a page's first Intl formatter is a long task.
let time: Intl.DateTimeFormat | undefined;

function Clock() {
  const now = useSeconds();
  time ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <time className="tv-corner__clock" dateTime={new Date(now).toISOString()} data-testid="tv-clock">
      {time.format(now)}
    </time>
  );
}

/**
 * What a wall screen needs besides the cards: the time, so a glance says whether it is frozen, and
 * whether it is live. The way out is there for a keyboard, invisible until focused.
 */
export function TvCorner({ status, leaveHref }: { status: LiveStatus; leaveHref: string }) {
  return (
    <div className="tv-corner">
      <Link href={leaveHref} className="tv-corner__leave">
        Leave TV mode
      </Link>
      <Clock />
      <ConnectionIndicator status={status} />
    </div>
  );
}
