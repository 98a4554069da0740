import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { AlertPreferences, ProblemAlert, PutAlertPreferencesBody } from '../../../shared/alerts.ts';
import { DEFAULT_ALERT_PREFERENCES } from '../../../shared/values/alerts.ts';
import type { LearningAlert } from '../../../shared/learnings.ts';
import type { LiveEvent } from '../../../shared/live.ts';
import { isAlertEvent, isLearningAlertEvent } from '../../../shared/values/live.ts';
import { getAlertPreferences, putAlertPreferences } from '../api/endpoints.ts';
import type { LiveStatus } from '../live/live-connection.ts';
import { useLiveConnection } from '../live/use-live-connection.ts';
import { useUser } from '../session/session-context.tsx';
import { showAlertNotification } from './alert-notification.ts';
import { playOnce, soundAlarm, soundState, subscribeSound, unlockSound, type SoundState } from './alert-sound.ts';

// Alerts replayed after a long disconnect are not news any more: only recent ones alert.
const ALERT_WITHIN_MS = 2 * 60_000;

export interface ActiveAlert {
  seq: number;
  alert: ProblemAlert;
}

interface AlertsApi {
  preferences: AlertPreferences;
  /** False until this person's saved choices have loaded (the defaults apply meanwhile). */
  preferencesLoaded: boolean;
  savePreferences: (body: PutAlertPreferencesBody) => Promise<void>;
  /** Alerts not yet acknowledged, newest first, one per problem. */
  active: readonly ActiveAlert[];
  acknowledge: (problemNumber: number) => void;
  /** Learnings published for this person (their area's, or with a tag they follow), newest first: quiet, no sound. */
  learningNotices: readonly LearningAlert[];
  dismissLearningNotice: (id: string) => void;
  sound: SoundState;
  /** The alerts' own live connection. */
  live: LiveStatus;
}

const AlertsContext = createContext<AlertsApi | null>(null);

/**
 * The one alert path of the app, mounted for every signed-in page: follows the live stream for the
 * alerts the server addressed to this person, and gives each the banner, sound and notification
 * they chose. The server decides whom an alert concerns, so every tab and instance agrees.
 */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const me = useUser();
  const [, navigate] = useLocation();
  const [preferences, setPreferences] = useState<AlertPreferences>(DEFAULT_ALERT_PREFERENCES);
  const [preferencesLoaded, setPreferencesLoaded] = useState(false);
  const [active, setActive] = useState<readonly ActiveAlert[]>([]);
  const [learningNotices, setLearningNotices] = useState<readonly LearningAlert[]>([]);
  const sound = useSyncExternalStore(subscribeSound, soundState);

  useEffect(() => {
    // Until they load (or if they cannot), the defaults alert every way: better one alert too many.
    getAlertPreferences().then(
      (saved) => {
        setPreferences(saved);
        setPreferencesLoaded(true);
      },
      () => undefined,
    );
  }, []);

  // Browsers allow audio after the first click or key press on the page: any will do. On click, not
  // on pointerdown: the "sound is blocked" notice above the page goes once sound is on, and going
  // between the press and the release it moved the page under the pointer, and the click was lost.
  useEffect(() => {
    if (!preferences.sound || sound !== 'blocked') return;
    const unlock = () => unlockSound();
    document.addEventListener('click', unlock, true);
    document.addEventListener('keydown', unlock, true);
    return () => {
      document.removeEventListener('click', unlock, true);
      document.removeEventListener('keydown', unlock, true);
    };
  }, [preferences.sound, sound]);

  // A click on a notification, relayed by the service worker.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const open = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; path?: unknown } | null;
      if (data?.type === 'andon.open' && typeof data.path === 'string' && data.path.startsWith('/')) navigate(data.path);
    };
    navigator.serviceWorker.addEventListener('message', open);
    return () => navigator.serviceWorker.removeEventListener('message', open);
  }, [navigate]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (Date.now() - Date.parse(event.at) > ALERT_WITHIN_MS) return;
      if (isLearningAlertEvent(event) && event.data.userIds.includes(me.id)) {
        const notice = event.data;
        setLearningNotices((list) => [notice, ...list.filter((n) => n.id !== notice.id)]);
        return;
      }
      if (!isAlertEvent(event) || !event.data.userIds.includes(me.id)) return;
      const alert = event.data;
      setActive((list) => [{ seq: event.seq, alert }, ...list.filter((a) => a.alert.problemNumber !== alert.problemNumber)]);
      // A Stop's alarm repeats while its banner is up (below); without a banner it sounds once.
      if (preferences.sound && (alert.level === 'help' || !preferences.banner)) playOnce(alert.level);
      if (preferences.notification) void showAlertNotification(alert, navigate);
    },
    [me.id, preferences, navigate],
  );
  // Unnarrowed: an alert may be about any area. A reset needs nothing refetched: missed alerts are old news.
  const { status: live } = useLiveConnection({ onEvent, onReset: () => undefined });

  const alarming = preferences.sound && preferences.banner && active.some((a) => a.alert.level === 'stop');
  useEffect(() => (alarming ? soundAlarm() : undefined), [alarming]);

  const acknowledge = useCallback((problemNumber: number) => {
    setActive((list) => list.filter((a) => a.alert.problemNumber !== problemNumber));
  }, []);

  const dismissLearningNotice = useCallback((id: string) => {
    setLearningNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const savePreferences = useCallback(async (body: PutAlertPreferencesBody) => {
    setPreferences(await putAlertPreferences(body));
  }, []);

  const api = useMemo<AlertsApi>(
    () => ({
      preferences, preferencesLoaded, savePreferences, active: preferences.banner ? active : [], acknowledge, learningNotices, dismissLearningNotice, sound, live,
    }),
    [preferences, preferencesLoaded, savePreferences, active, acknowledge, learningNotices, dismissLearningNotice, sound, live],
  );
  return <AlertsContext.Provider value={api}>{children}</AlertsContext.Provider>;
}

export function useAlerts(): AlertsApi {
  const value = useContext(AlertsContext);
  if (!value) throw new Error('useAlerts needs an AlertsProvider');
  return value;
}
