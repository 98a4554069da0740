import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { signalSignedOut } from '../api/http.ts';
import { LiveConnection, type LiveHandlers, type LiveStatus, type LiveSubscription } from './live-connection.ts';

export type LiveCallbacks = Omit<LiveHandlers, 'onStatus'>;

export interface LiveConnectionControl {
  status: LiveStatus;
  /** Opens the connection deferred with `startLater`, resuming after `since` (or from now without one); a second call does nothing. */
  startFrom: (since: number | undefined) => void;
}

/**
 * Keeps one live connection open while the component is mounted. Callbacks are read through a ref
 * so that re-rendering the page never tears the socket down. With `startLater` it opens only when
 * told where to resume from (the seq a snapshot was read at).
 */
export function useLiveConnection(callbacks: LiveCallbacks, subscription?: LiveSubscription, startLater = false): LiveConnectionControl {
  const [status, setStatus] = useState<LiveStatus>(() => (navigator.onLine ? 'reconnecting' : 'offline'));
  const callbacksRef = useRef(callbacks);
  // Updated after each commit, before effects run: React asks that refs are not written while rendering.
  useLayoutEffect(() => {
    callbacksRef.current = callbacks;
  });
  const connectionRef = useRef<LiveConnection | null>(null);
  const startedRef = useRef(false);
  const startLaterRef = useRef(startLater);
  const subscriptionKey = JSON.stringify(subscription ?? null);

  useEffect(() => {
    // No subscription yet: the effect below sets it on mount too, before the socket can have opened.
    const connection = new LiveConnection({
      isOnline: () => navigator.onLine,
      onEvent: (event) => callbacksRef.current.onEvent(event),
      onReset: (seq) => callbacksRef.current.onReset(seq),
      onWelcome: (info) => callbacksRef.current.onWelcome?.(info),
      onStatus: setStatus,
      // Signed out elsewhere (deactivated, password changed or reset): this page is signed out too.
      onAccessEnded: signalSignedOut,
    });
    connectionRef.current = connection;
    startedRef.current = !startLaterRef.current;
    if (startedRef.current) connection.start();
    const online = () => connection.reconnectNow();
    const offline = () => connection.wentOffline();
    const visible = () => {
      if (document.visibilityState === 'visible') connection.reconnectNow();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
      connection.stop();
      connectionRef.current = null;
      startedRef.current = false;
    };
    // Deliberately mount-only: a changed subscription is sent on the open socket (below) rather
    // than tearing the connection down and losing our place in the event stream.
  }, []);

  useEffect(() => {
    connectionRef.current?.setSubscription((JSON.parse(subscriptionKey) as LiveSubscription | null) ?? undefined);
  }, [subscriptionKey]);

  const startFrom = useCallback((since: number | undefined) => {
    if (startedRef.current || !connectionRef.current) return;
    startedRef.current = true;
    connectionRef.current.start(since);
  }, []);

  return { status, startFrom };
}
