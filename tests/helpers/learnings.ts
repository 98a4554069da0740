import { expect } from 'vitest';
import type { Learning, SaveLearningBody } from '../../shared/learnings.ts';
import type { Problem } from '../../shared/problems.ts';
import type { TimelineEntry } from '../../shared/timeline.ts';
import type { Caller } from './app.ts';

export const emptyLearning = (title: string): SaveLearningBody => ({ title, summary: '', expected: '', cause: '', changes: '', detection: '', tags: [] });

/**
 * Pulls a problem and works it as a swarm would: joins, confirms a hypothesis with a result, records
 * an action, and resolves it. Answers its number.
 */
export async function resolvedProblem(
  swarmer: Caller, title: string, story = { hypothesis: 'The pool is too small', action: 'Raised the pool to 50' }, others: Caller[] = [],
): Promise<number> {
  const raised = await swarmer.request({ method: 'POST', url: '/api/problems', payload: { title, details: `${title}, seen by support` } });
  expect(raised.statusCode).toBe(201);
  const { number } = raised.json<Problem>();
  for (const who of [swarmer, ...others]) expect((await who.request({ method: 'POST', url: `/api/problems/${number}/swarm` })).statusCode).toBe(200);
  const add = async (kind: string, body: string) => {
    const response = await swarmer.request({ method: 'POST', url: `/api/problems/${number}/timeline`, payload: { kind, body } });
    expect(response.statusCode).toBe(201);
    return response.json<TimelineEntry>();
  };
  const hypothesis = await add('hypothesis', story.hypothesis);
  await add('hypothesis', 'It is the network');
  const result = await add('result', 'Pool exhausted in the dumps');
  const verdict = await swarmer.request({ method: 'PATCH', url: `/api/problems/${number}/timeline/${hypothesis.id}`, payload: { verdict: 'confirmed', evidence: result.id } });
  expect(verdict.statusCode).toBe(200);
  await add('action', story.action);
  expect((await swarmer.request({ method: 'POST', url: `/api/problems/${number}/status`, payload: { status: 'resolved' } })).statusCode).toBe(200);
  return number;
}

export async function saveLearning(who: Caller, number: number, body: Partial<SaveLearningBody> & { title: string }): Promise<Learning> {
  const response = await who.request({ method: 'PUT', url: `/api/problems/${number}/learning`, payload: { ...emptyLearning(body.title), ...body } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Learning>();
}

/** Captures and publishes a learning for a resolved problem; answers it as published. */
export async function publishLearning(who: Caller, number: number, body: Partial<SaveLearningBody> & { title: string }): Promise<Learning> {
  const draft = await saveLearning(who, number, { summary: 'What happened', cause: 'Why it happened', ...body });
  const response = await who.request({ method: 'POST', url: `/api/learnings/${draft.id}/publish` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Learning>();
}
