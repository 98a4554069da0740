import { useRef, useState } from 'react';
import { formProblem, type FormProblem } from './form-problem.ts';

export interface Submission {
  busy: boolean;
  failure: FormProblem | null;
  /** What the last submission did, in words, for a status line; empty until one succeeds. */
  done: string;
  /** For what the form finds wrong itself before sending, e.g. a required reason left empty. */
  setFailure: (message: string | null) => void;
  /** Runs `send` unless one is under way; `send` may return what it did. True when it succeeded. */
  submit: (send: () => Promise<string> | Promise<void>) => Promise<boolean>;
}

/**
 * Sends one submission of a form at a time, and keeps what a person needs to see of it: whether it
 * is under way, why it failed (per field where the server said which), and what it did.
 */
export function useSubmit(explain: (error: unknown) => FormProblem = formProblem): Submission {
  const [busy, setBusy] = useState(false);
  const [failure, setFailureState] = useState<FormProblem | null>(null);
  const [done, setDone] = useState('');
  // A ref, not state: two clicks in the same frame both see the old state, but not the old ref.
  const sending = useRef(false);

  async function submit(send: () => Promise<string> | Promise<void>): Promise<boolean> {
    if (sending.current) return false;
    sending.current = true;
    setBusy(true);
    setFailureState(null);
    setDone('');
    try {
      setDone((await send()) ?? '');
      return true;
    } catch (error) {
      setFailureState(explain(error));
      return false;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  function setFailure(message: string | null) {
    setFailureState(message === null ? null : { message, fields: {} });
  }

  return { busy, failure, done, setFailure, submit };
}
