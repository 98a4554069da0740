import type { Problem, UpdateProblemBody } from '../../../shared/problems.ts';
import { updateProblem } from '../api/endpoints.ts';
import { useSubmit } from '../forms/use-submit.ts';

/** A change to one problem through useSubmit: the page shows the answer at once and says what changed. */
export function useProblemUpdate(number: number, onUpdated: (problem: Problem) => void) {
  const submission = useSubmit();

  function update(body: UpdateProblemBody, describe: (updated: Problem) => string): Promise<boolean> {
    return submission.submit(async () => {
      const updated = await updateProblem(number, body);
      onUpdated(updated);
      return describe(updated);
    });
  }

  return { ...submission, update };
}
