import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/http.ts';

export type OneTimeLink<T> = { phase: 'loading' } | { phase: 'ready'; info: T } | { phase: 'gone' } | { phase: 'error'; message: string };

const isGone = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * A link that works once (an invite, a password reset): looks its code up, and is gone when the
 * server no longer knows it, also when that turns out only as the form is sent.
 */
export function useOneTimeLink<T>(code: string, lookUp: (code: string) => Promise<T>) {
  const [link, setLink] = useState<OneTimeLink<T>>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    lookUp(code).then(
      (info) => current && setLink({ phase: 'ready', info }),
      (error: unknown) => current && setLink(isGone(error) ? { phase: 'gone' } : { phase: 'error', message: describeError(error) }),
    );
    return () => {
      current = false;
    };
  }, [code, lookUp]);

  /** Runs what uses the link; used or expired while the form was open, the page says so instead of a form error. */
  const use = useCallback(async (act: () => Promise<void>) => {
    try {
      await act();
    } catch (error) {
      if (!isGone(error)) throw error;
      setLink({ phase: 'gone' });
    }
  }, []);

  return { link, use };
}

/** What the page says while the link is looked up, or when it cannot be used. */
export function OneTimeLinkStatus({ link, checking, gone }: { link: OneTimeLink<unknown>; checking: string; gone: ReactNode }) {
  if (link.phase === 'loading') return <p role="status">{checking}</p>;
  if (link.phase === 'gone' || link.phase === 'error') {
    return (
      <p role="alert" className="alert alert--error">
        {link.phase === 'gone' ? gone : link.message}
      </p>
    );
  }
  return null;
}
