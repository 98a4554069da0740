// One typed function per HTTP endpoint the web app calls, so pages never build URLs by hand.
import type {
  ApiToken,
  CreatedApiToken,
  Invite,
  InviteInfo,
  Me,
  Role,
  SetupStatus,
  User,
} from '../../../shared/accounts.ts';
import type { Area, CreateAreaBody, UpdateAreaBody } from '../../../shared/areas.ts';
import type { ListProblemsQuery, Problem, ProblemList, UpdateProblemBody } from '../../../shared/problems.ts';
import { api } from './http.ts';

export const getSetupStatus = () => api<SetupStatus>('/api/setup');
export const completeSetup = (body: { name: string; email: string; password: string }) =>
  api<User>('/api/setup', { method: 'POST', body });

export const getMe = () => api<Me>('/api/me', { expectUnauthorized: true });
export const signIn = (body: { email: string; password: string }) =>
  api<User>('/api/session', { method: 'POST', body, expectUnauthorized: true });
export const signOut = () => api<void>('/api/session', { method: 'DELETE', expectUnauthorized: true });

export const getInvite = (code: string) => api<InviteInfo>(`/api/invites/${encodeURIComponent(code)}`);
export const acceptInvite = (code: string, body: { name: string; password: string; email?: string }) =>
  api<User>(`/api/invites/${encodeURIComponent(code)}/accept`, { method: 'POST', body });
export const createInvite = (body: { email?: string; role?: Role }) =>
  api<Invite>('/api/invites', { method: 'POST', body });

export const listAreas = () => api<{ items: Area[] }>('/api/areas');
export const createArea = (body: CreateAreaBody) => api<Area>('/api/areas', { method: 'POST', body });
export const updateArea = (slug: string, body: UpdateAreaBody) =>
  api<Area>(`/api/areas/${encodeURIComponent(slug)}`, { method: 'PATCH', body });

export const listTokens = () => api<{ items: ApiToken[] }>('/api/tokens');
export const createToken = (name: string) =>
  api<CreatedApiToken>('/api/tokens', { method: 'POST', body: { name } });
export const revokeToken = (id: string) =>
  api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

export type ProblemQuery = ListProblemsQuery;

export function listProblems(query: ProblemQuery, signal?: AbortSignal): Promise<ProblemList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return api<ProblemList>(`/api/problems?${params}`, { signal });
}

export const getProblem = (number: number, signal?: AbortSignal) =>
  api<Problem>(`/api/problems/${number}`, { signal });
export const updateProblem = (number: number, body: UpdateProblemBody) =>
  api<Problem>(`/api/problems/${number}`, { method: 'PATCH', body });
