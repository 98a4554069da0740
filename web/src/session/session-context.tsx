import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../../shared/accounts.ts';
import { getMe, getSetupStatus, signOut as endSession } from '../api/endpoints.ts';
import { ApiError, setUnauthorizedListener } from '../api/http.ts';
import { readStored, writeStored } from '../browser/stored-value.ts';

export type Session =
  | { phase: 'loading' }
  | { phase: 'setup' }
  | { phase: 'signed-out' }
  /** `unconfirmed`: the server could not be reached, so we trust the person last signed in here. */
  | { phase: 'signed-in'; user: User; unconfirmed: boolean }
  | { phase: 'unreachable' };

interface SessionApi {
  session: Session;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
  setupDone: (user: User) => void;
  recheck: () => void;
}

// Remembering who was signed in lets the pull page open (and queue pulls) while the server is down.
const LAST_USER_KEY = 'andon.last-user';
const RECHECK_MS = 15_000;

const SessionContext = createContext<SessionApi | null>(null);

async function discoverSession(): Promise<Session> {
  // Both at once: one round trip before the first page instead of two (who it is matters only after set-up).
  const asked = getMe();
  asked.catch(() => undefined);
  try {
    const setup = await getSetupStatus();
    if (setup.needed) return { phase: 'setup' };
    const me = await asked;
    if (me.kind !== 'user') return { phase: 'signed-out' };
    writeStored(LAST_USER_KEY, me.user);
    return { phase: 'signed-in', user: me.user, unconfirmed: false };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      writeStored(LAST_USER_KEY, null);
      return { phase: 'signed-out' };
    }
    const lastUser = readStored<User | null>(LAST_USER_KEY, null);
    if (lastUser) return { phase: 'signed-in', user: lastUser, unconfirmed: true };
    return { phase: 'unreachable' };
  }
}

let firstCheck: Promise<Session> | null = null;

/** Asks who is here as soon as the app's code runs (main.tsx), rather than once React has drawn its first frame. */
export function startSessionCheck(): void {
  firstCheck = discoverSession();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ phase: 'loading' });
  const [checks, setChecks] = useState(0);

  useEffect(() => {
    let current = true;
    // discoverSession answers every failure with a phase of its own: it never rejects.
    const check = firstCheck ?? discoverSession();
    firstCheck = null;
    void check.then((next) => {
      if (current) setSession(next);
    });
    return () => {
      current = false;
    };
  }, [checks]);

  const unconfirmed = session.phase === 'unreachable' || (session.phase === 'signed-in' && session.unconfirmed);
  useEffect(() => {
    if (!unconfirmed) return;
    const recheck = () => setChecks((n) => n + 1);
    const timer = setInterval(recheck, RECHECK_MS);
    window.addEventListener('online', recheck);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', recheck);
    };
  }, [unconfirmed]);

  useEffect(() => {
    setUnauthorizedListener(() => {
      writeStored(LAST_USER_KEY, null);
      setSession({ phase: 'signed-out' });
    });
    return () => setUnauthorizedListener(null);
  }, []);

  const signedIn = useCallback((user: User) => {
    writeStored(LAST_USER_KEY, user);
    setSession({ phase: 'signed-in', user, unconfirmed: false });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await endSession();
    } catch {
      // Signing out locally still matters when the server cannot be reached.
    }
    writeStored(LAST_USER_KEY, null);
    setSession({ phase: 'signed-out' });
  }, []);

  const api = useMemo<SessionApi>(
    () => ({ session, signedIn, signOut, setupDone: signedIn, recheck: () => setChecks((n) => n + 1) }),
    [session, signedIn, signOut],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** For pages that only render when signed in. */
export function useUser(): User {
  const { session } = useSession();
  if (session.phase !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return session.user;
}
