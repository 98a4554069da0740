import { randomUUID } from 'node:crypto';
import type { AnsweredProblem } from './browser.ts';

/** A title no other test (or earlier run on the same database) has used, so a test can find its own problem. */
export function uniqueTitle(words: string): string {
  return `${words} ${randomUUID().slice(0, 8)}`;
}

async function post<T>(url: string, path: string, headers: Record<string, string>, body: object): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export function raiseProblem(url: string, authorization: string, body: { title: string; level?: 'help' | 'stop'; area?: string }) {
  return post<AnsweredProblem>(url, '/api/problems', { authorization }, body);
}

/** Creates an area with a unique name (areas are admin-only, so this takes an admin's session cookie). */
export function createArea(url: string, adminCookie: string, words: string, responseTargetMinutes?: number) {
  return post<{ slug: string; name: string }>(url, '/api/areas', { cookie: adminCookie, origin: url }, { name: uniqueTitle(words), responseTargetMinutes });
}
