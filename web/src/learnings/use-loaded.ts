import { useEffect, useState } from 'react';
import { describeError } from '../api/http.ts';

/** Loads once per `key` (aborting the previous load); answers the data, or why it could not. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key: '', data: null, error: null });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ key, data, error: null }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ key, data: null, error: describeError(error) }); },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` says when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, set: (data: T) => setState({ key, data, error: null }) };
}
