// One typed function per HTTP endpoint the web app calls, so pages never build URLs by hand. Bodies
// and answers are the shared schemas' types, so a change to a schema shows up here as a type error.
import type {
  AcceptInviteBody,
  ApiTokenList,
  CreatedApiToken,
  CreateInviteBody,
  CreateTokenBody,
  Invite,
  InviteInfo,
  Me,
  SetupBody,
  SetupStatus,
  SignInBody,
  User,
} from '../../../shared/accounts.ts';
import type { Area, AreaList, CreateAreaBody, UpdateAreaBody } from '../../../shared/areas.ts';
import type {
  CreatedFeedToken, Learning, LearningDetail, MyLearnings, NotSpreading, OverdueFollowUps, ProblemLearning, SaveLearningBody, SearchQuery, SearchResults, Suggestions, SuggestionsShownBody,
} from '../../../shared/learnings.ts';
import type { Person, PutEscalationBody, PutRespondersBody } from '../../../shared/escalation.ts';
import type { HistoryPage, HistoryQuery } from '../../../shared/history.ts';
import type {
  ChangePasswordBody,
  Member,
  MemberList,
  PasswordResetInfo,
  PasswordResetLink,
  PendingInviteList,
  UpdateMeBody,
  UpdateMemberBody,
  UsePasswordResetBody,
} from '../../../shared/people.ts';
import type { FlowFigure, FlowQuery, FlowReport } from '../../../shared/flow.ts';
import type { ChangeStatusBody, ListProblemsQuery, Presence, Problem, ProblemList, UpdateProblemBody } from '../../../shared/problems.ts';
import type { CreatePullLinkBody, Kiosk, PullLink, PullLinkList } from '../../../shared/pull-links.ts';
import type { AddEntryBody, EditEntryBody, EntryRevisionList, TimelineEntry, TimelineList } from '../../../shared/timeline.ts';
import type { CreatedWebhook, CreateWebhookBody, Delivery, DeliveryList, Webhook, WebhookList } from '../../../shared/webhooks.ts';
import type { CreatedIntegration, CreateIntegrationBody, Integration, IntegrationList, UpdateIntegrationBody } from '../../../shared/integrations.ts';
import type { AlertPreferences, PutAlertPreferencesBody } from '../../../shared/alerts.ts';
import { api, type RequestOptions } from './http.ts';

/**
 * A list read may be asked for as the app starts, before the session is known (main.tsx): it then
 * expects a 401, which must not sign anybody out while the session check is still answering.
 */
export type FirstRequestOptions = Pick<RequestOptions, 'signal' | 'expectUnauthorized'>;

export const getSetupStatus = () => api<SetupStatus>('/api/setup');
export const completeSetup = (body: SetupBody) => api<User>('/api/setup', { method: 'POST', body });

export const getMe = () => api<Me>('/api/me', { expectUnauthorized: true });
export const signIn = (body: SignInBody) =>
  api<User>('/api/session', { method: 'POST', body, expectUnauthorized: true });
export const signOut = () => api<undefined>('/api/session', { method: 'DELETE', expectUnauthorized: true });

export const getInvite = (code: string) => api<InviteInfo>(`/api/invites/${encodeURIComponent(code)}`);
export const acceptInvite = (code: string, body: AcceptInviteBody) =>
  api<User>(`/api/invites/${encodeURIComponent(code)}/accept`, { method: 'POST', body });
export const createInvite = (body: CreateInviteBody) => api<Invite>('/api/invites', { method: 'POST', body });

export const listAreas = (options: FirstRequestOptions = {}) => api<AreaList>('/api/areas', options);
export const createArea = (body: CreateAreaBody) => api<Area>('/api/areas', { method: 'POST', body });
export const updateArea = (slug: string, body: UpdateAreaBody) =>
  api<Area>(`/api/areas/${encodeURIComponent(slug)}`, { method: 'PATCH', body });

export const setResponders = (slug: string, body: PutRespondersBody) =>
  api<Area>(`/api/areas/${encodeURIComponent(slug)}/responders`, { method: 'PUT', body });
export const setEscalation = (slug: string, body: PutEscalationBody) =>
  api<Area>(`/api/areas/${encodeURIComponent(slug)}/escalation`, { method: 'PUT', body });
export const listPeople = () => api<{ items: Person[] }>('/api/people');

export const listTokens = () => api<ApiTokenList>('/api/tokens');
export const createToken = (body: CreateTokenBody) => api<CreatedApiToken>('/api/tokens', { method: 'POST', body });
export const revokeToken = (id: string) =>
  api<undefined>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

function queryString(query: Record<string, string | number | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  // Object.entries drops `undefined` from the value type, but a key set to undefined is still listed.
  for (const [key, value] of Object.entries<string | number | undefined>(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}

export function listProblems(query: ListProblemsQuery, options: FirstRequestOptions = {}): Promise<ProblemList> {
  return api<ProblemList>(`/api/problems?${queryString(query)}`, options);
}

export const listHistory = (query: HistoryQuery, signal?: AbortSignal) => api<HistoryPage>(`/api/history?${queryString(query)}`, { signal });

export const listMembers = () => api<MemberList>('/api/members');
export const updateMember = (id: string, body: UpdateMemberBody) =>
  api<Member>(`/api/members/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const createPasswordReset = (id: string) =>
  api<PasswordResetLink>(`/api/members/${encodeURIComponent(id)}/password-reset`, { method: 'POST' });
export const listPendingInvites = () => api<PendingInviteList>('/api/invites');
export const revokeInvite = (id: string) => api<undefined>(`/api/invites/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const updateMe = (body: UpdateMeBody) => api<User>('/api/me', { method: 'PATCH', body });
export const changePassword = (body: ChangePasswordBody) => api<undefined>('/api/me/password', { method: 'POST', body });
export const getPasswordReset = (code: string) => api<PasswordResetInfo>(`/api/password-resets/${encodeURIComponent(code)}`);
export const resetPassword = (code: string, body: UsePasswordResetBody) =>
  api<undefined>(`/api/password-resets/${encodeURIComponent(code)}`, { method: 'POST', body });

export const getProblem = (number: number, signal?: AbortSignal) =>
  api<Problem>(`/api/problems/${number}`, { signal });
export const updateProblem = (number: number, body: UpdateProblemBody) =>
  api<Problem>(`/api/problems/${number}`, { method: 'PATCH', body });
export const changeStatus = (number: number, body: ChangeStatusBody) =>
  api<Problem>(`/api/problems/${number}/status`, { method: 'POST', body });

export const joinSwarm = (number: number) => api<Problem>(`/api/problems/${number}/swarm`, { method: 'POST' });
export const leaveSwarm = (number: number) => api<Problem>(`/api/problems/${number}/swarm`, { method: 'DELETE' });
export const setLead = (number: number, userId: string) =>
  api<Problem>(`/api/problems/${number}/lead`, { method: 'PUT', body: { userId } });
export const sendPresence = (number: number) => api<Presence>(`/api/problems/${number}/presence`, { method: 'PUT' });

export const getTimeline = (number: number, signal?: AbortSignal) =>
  api<TimelineList>(`/api/problems/${number}/timeline`, { signal });
export const addTimelineEntry = (number: number, body: AddEntryBody) =>
  api<TimelineEntry>(`/api/problems/${number}/timeline`, { method: 'POST', body });
export const editTimelineEntry = (number: number, id: string, body: EditEntryBody) =>
  api<TimelineEntry>(`/api/problems/${number}/timeline/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const getEntryRevisions = (number: number, id: string) =>
  api<EntryRevisionList>(`/api/problems/${number}/timeline/${encodeURIComponent(id)}/revisions`);

export const escalateNow = (number: number) => api<Problem>(`/api/problems/${number}/escalate`, { method: 'POST' });

export const listWebhooks = (slug: string) => api<WebhookList>(`/api/areas/${encodeURIComponent(slug)}/webhooks`);
export const createWebhook = (slug: string, body: CreateWebhookBody) =>
  api<CreatedWebhook>(`/api/areas/${encodeURIComponent(slug)}/webhooks`, { method: 'POST', body });
export const deleteWebhook = (slug: string, id: string) =>
  api<undefined>(`/api/areas/${encodeURIComponent(slug)}/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const listDeliveries = (id: string) => api<DeliveryList>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`);
export const redeliver = (id: string, deliveryId: string) =>
  api<Delivery>(`/api/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST' });

const integrationsOf = (slug: string) => `/api/areas/${encodeURIComponent(slug)}/integrations`;
export const listIntegrations = (slug: string) => api<IntegrationList>(integrationsOf(slug));
export const createIntegration = (slug: string, body: CreateIntegrationBody) =>
  api<CreatedIntegration>(integrationsOf(slug), { method: 'POST', body });
export const updateIntegration = (slug: string, id: string, body: UpdateIntegrationBody) =>
  api<Integration>(`${integrationsOf(slug)}/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const rotateIntegrationToken = (slug: string, id: string) =>
  api<CreatedIntegration>(`${integrationsOf(slug)}/${encodeURIComponent(id)}/rotate`, { method: 'POST' });
export const deleteIntegration = (slug: string, id: string) =>
  api<undefined>(`${integrationsOf(slug)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const getProblemLearning = (number: number, signal?: AbortSignal) =>
  api<ProblemLearning>(`/api/problems/${number}/learning`, { signal });
export const saveLearning = (number: number, body: SaveLearningBody) =>
  api<Learning>(`/api/problems/${number}/learning`, { method: 'PUT', body });
export const publishLearning = (id: string) => api<Learning>(`/api/learnings/${encodeURIComponent(id)}/publish`, { method: 'POST' });
export const getLearning = (id: string, signal?: AbortSignal) => api<LearningDetail>(`/api/learnings/${encodeURIComponent(id)}`, { signal });
export const acknowledgeLearning = (id: string) =>
  api<LearningDetail>(`/api/learnings/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
export const countSuggestionOpen = (id: string) =>
  api<undefined>(`/api/learnings/${encodeURIComponent(id)}/suggestion-opens`, { method: 'POST' });
export const setFollowUpDone = (id: string, followUpId: string, done: boolean) =>
  api<Learning>(`/api/learnings/${encodeURIComponent(id)}/follow-ups/${encodeURIComponent(followUpId)}`, { method: 'PATCH', body: { done } });
export const linkRecurrence = (number: number, learningId: string) =>
  api<LearningDetail>(`/api/problems/${number}/recurrences`, { method: 'POST', body: { learningId } });
export const suggestLearnings = (q: string, signal?: AbortSignal) =>
  api<Suggestions>(`/api/learnings/suggest?${new URLSearchParams({ q })}`, { signal });
export const reportSuggestionsShown = (body: SuggestionsShownBody) =>
  api<undefined>('/api/learnings/suggestions-shown', { method: 'POST', body, keepalive: true });
export const getMyLearnings = (signal?: AbortSignal) => api<MyLearnings>('/api/learnings/mine', { signal });
export const getNotSpreading = (signal?: AbortSignal) => api<NotSpreading>('/api/learnings/not-spreading', { signal });
export const getOverdueFollowUps = (signal?: AbortSignal) => api<OverdueFollowUps>('/api/learnings/overdue-follow-ups', { signal });
export function searchLearnings(query: SearchQuery, signal?: AbortSignal): Promise<SearchResults> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries<string | undefined>(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return api<SearchResults>(`/api/learnings?${params}`, { signal });
}
export const enableWebhook = (id: string) => api<Webhook>(`/api/webhooks/${encodeURIComponent(id)}/enable`, { method: 'POST' });

export const getAlertPreferences = () => api<AlertPreferences>('/api/me/alert-preferences');
export const putAlertPreferences = (body: PutAlertPreferencesBody) => api<AlertPreferences>('/api/me/alert-preferences', { method: 'PUT', body });

export const listPullLinks = (slug: string) => api<PullLinkList>(`/api/areas/${encodeURIComponent(slug)}/pull-links`);
export const createPullLink = (slug: string, body: CreatePullLinkBody) =>
  api<PullLink>(`/api/areas/${encodeURIComponent(slug)}/pull-links`, { method: 'POST', body });
export const revokePullLink = (slug: string, id: string) =>
  api<undefined>(`/api/areas/${encodeURIComponent(slug)}/pull-links/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const getKiosk = (code: string) => api<Kiosk>(`/api/kiosk/${encodeURIComponent(code)}`, { expectUnauthorized: true });
/** Where a kiosk's pull queue sends its pulls. */
export const kioskPullsPath = (code: string) => `/api/kiosk/${encodeURIComponent(code)}/pulls`;

export const createFeedToken = () => api<CreatedFeedToken>('/api/feed-token', { method: 'POST' });
export const revokeFeedToken = () => api<undefined>('/api/feed-token', { method: 'DELETE' });
function flowQuery(query: FlowQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries<string | undefined>(query)) if (value !== undefined) params.set(key, value);
  return params;
}
export const getFlow = (query: FlowQuery, signal?: AbortSignal) => api<FlowReport>(`/api/flow?${flowQuery(query)}`, { signal });
/** Where a figure's CSV is downloaded from (a plain link: the browser sends the session cookie). */
export const flowCsvUrl = (figure: FlowFigure, query: FlowQuery) => `/api/flow/${figure}.csv?${flowQuery(query)}`;
