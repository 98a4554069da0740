import './alerts.css';
import { Link } from 'wouter';
import { SOUND_PATTERN, unlockSound } from './alert-sound.ts';
import { alertHeadline } from './alert-words.ts';
import { useAlerts, type ActiveAlert } from './alerts-context.tsx';
import { LearningNotices } from './learning-notices.tsx';

function AlertBanner({ item, soundOn }: { item: ActiveAlert; soundOn: boolean }) {
  const { acknowledge, sound } = useAlerts();
  const { alert } = item;
  const stop = alert.level === 'stop';
  const pattern = !soundOn ? 'off' : sound === 'ready' ? SOUND_PATTERN[alert.level] : 'blocked';
  return (
    <div role="alert" className={`alert-banner alert-banner--${alert.level}`} data-sound={pattern}>
      <span className="alert-banner__mark" aria-hidden="true">
        {stop ? '■' : '▲'}
      </span>
      <div className="alert-banner__text">
        <strong>{alertHeadline(alert)}</strong> {alert.title}
        <div className="alert-banner__meta">
          Pulled by {alert.pulledBy}
          {pattern === 'alarm' && <> · Alarm sounding until you acknowledge it</>}
        </div>
      </div>
      <div className="alert-banner__actions">
        <Link href={`/problems/${alert.problemNumber}`} className="button button--small" onClick={() => acknowledge(alert.problemNumber)}>
          Open #{alert.problemNumber}
        </Link>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => acknowledge(alert.problemNumber)}
          aria-label={`${stop ? 'Acknowledge' : 'Dismiss'} the alert for #${alert.problemNumber}`}
        >
          {stop ? 'Acknowledge' : 'Dismiss'}
        </button>
      </div>
    </div>
  );
}

/** Sound is on but the browser holds it back until a click: say so, and take the click. */
export function SoundBlockedNotice() {
  const { preferences, sound } = useAlerts();
  if (!preferences.sound || sound !== 'blocked') return null;
  return (
    <div className="sound-blocked" role="status">
      <button type="button" className="button button--small" onClick={unlockSound}>
        Sound is blocked — click to enable
      </button>
    </div>
  );
}

/** Every unacknowledged alert of this person, above whatever page they are on. */
export function AlertBanners() {
  const { active, preferences, live } = useAlerts();
  return (
    <div className="alert-banners" data-live={live}>
      <SoundBlockedNotice />
      {/* A stopped line first: it is the louder alert. */}
      {[...active]
        .sort((a, b) => Number(b.alert.level === 'stop') - Number(a.alert.level === 'stop'))
        .map((item) => (
          <AlertBanner key={item.seq} item={item} soundOn={preferences.sound} />
        ))}
      <LearningNotices />
    </div>
  );
}
