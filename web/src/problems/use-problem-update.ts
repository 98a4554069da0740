import { useState } from 'react';
import type { Problem, UpdateProblemBody } from '../../../shared/problems.ts';
import { updateProblem } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';

/**
 * Sends one change to a problem at a time, and keeps what a person needs to see of it: whether it is
 * under way, why it failed, and (said by `describe`) what it did.
 */
export function useProblemUpdate(number: number, onUpdated: (problem: Problem) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');

  async function update(body: UpdateProblemBody, describe: (updated: Problem) => string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const updated = await updateProblem(number, body);
      onUpdated(updated);
      setDone(describe(updated));
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, done, update };
}
