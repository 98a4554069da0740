import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody } from '../../shared/errors.ts';
import {
  FollowUpDoneBody, FollowUpParams, Learning, LearningDetail, LearningParams, MyLearnings, NotSpreading, OverdueFollowUps, ProblemLearning,
  RecurrenceBody, SaveLearningBody, SearchQuery, SearchResults, SuggestionsShownBody, SuggestQuery, Suggestions,
} from '../../shared/learnings.ts';
import { ProblemParams } from '../../shared/problems.ts';
import { onlyAdmins, principalOf } from '../accounts/auth-plugin.ts';
import type { LearningSearch } from './search/service.ts';
import type { LearningService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const NoContent = Type.Null({ description: 'Nothing' });

export async function learningRoutes(fastify: FastifyInstance, opts: { learnings: LearningService; search: LearningSearch }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { learnings, search } = opts;
  const tags = ['learnings'];

  app.get('/api/problems/:number/learning', {
    schema: { tags, summary: "A problem's learning (null until somebody starts one) and what its form starts from: the confirmed hypotheses and the actions of its timeline", params: ProblemParams, response: { 200: ProblemLearning, ...errors } },
  }, async (request) => learnings.forProblem(principalOf(request), request.params.number));

  app.put('/api/problems/:number/learning', {
    schema: {
      tags, summary: "Create or update a problem's learning (anyone who joined its swarm); once published, each edit is kept as a revision",
      description: '`followUps`, when sent, replaces the list; send an existing follow-up with its `id` to keep whether it is done.',
      params: ProblemParams, body: SaveLearningBody, response: { 200: Learning, ...errors },
    },
  }, async (request) => learnings.save(principalOf(request), request.params.number, request.body));

  app.post('/api/problems/:number/recurrences', {
    schema: { tags, summary: 'Link this problem to an earlier learning: "this happened before"', params: ProblemParams, body: RecurrenceBody, response: { 201: LearningDetail, ...errors } },
  }, async (request, reply) => reply.status(201).send(await learnings.linkRecurrence(principalOf(request), request.params.number, request.body.learningId)));

  app.get('/api/learnings', {
    schema: {
      tags, summary: 'Search published learnings: ranked by relevance, with highlighted snippets (`hit` parts matched); newest first without `q`',
      description: '`q` is words: punctuation and search syntax are ignored. `from`/`to` are days of publishing (inclusive). Pass `nextCursor` back as `cursor` for the next page.',
      querystring: SearchQuery, response: { 200: SearchResults, ...errors },
    },
  }, async (request) => search.search(request.query));

  app.get('/api/learnings/suggest', {
    schema: { tags, summary: 'Up to three published learnings like what is being typed (the last word may be half typed)', querystring: SuggestQuery, response: { 200: Suggestions, ...errors } },
  }, async (request) => search.suggest(request.query.q));

  app.post('/api/learnings/suggestions-shown', {
    schema: {
      tags, summary: 'Count the suggestions a page showed a signed-in person (once per learning, person and day), for the flow measures',
      description: 'Sent once per visit with every learning shown, not after each answer of `/suggest`. Learnings no longer published are passed over; an API token\'s report counts nothing.',
      body: SuggestionsShownBody, response: { 204: NoContent, ...errors },
    },
  }, async (request, reply) => {
    await search.shown(principalOf(request), request.body.learningIds);
    return reply.status(204).send(null);
  });

  app.get('/api/learnings/mine', {
    schema: { tags, summary: 'My open follow-up actions, and the published learnings I have not acknowledged yet', response: { 200: MyLearnings, ...errors } },
  }, async (request) => learnings.mine(principalOf(request)));

  app.get('/api/learnings/overdue-follow-ups', {
    schema: { tags, summary: 'How many follow-up actions are past their day and not done', response: { 200: OverdueFollowUps, ...errors } },
  }, async () => learnings.overdueFollowUps());

  app.get('/api/learnings/not-spreading', {
    schema: {
      tags, summary: "For leads: per area, the published learnings that are not spreading (too few of the area's members acknowledged them), oldest first, with who has not yet",
      description: "Admins (and API tokens) see every area in use; a responder the areas they respond to; anyone else an empty list. Who counts as an area's member is the same as for a learning's spread.",
      response: { 200: NotSpreading, ...errors },
    },
  }, async (request) => learnings.notSpreading(principalOf(request)));

  app.get('/api/learnings/:id', {
    schema: { tags, summary: 'A learning with its spread (who acknowledged it, and what share of its area), revisions and recurrences', params: LearningParams, response: { 200: LearningDetail, ...errors } },
  }, async (request) => learnings.get(principalOf(request), request.params.id));

  app.delete('/api/learnings/:id', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Delete a learning (admins); it leaves search at once', params: LearningParams, response: { 204: NoContent, ...errors } },
  }, async (request, reply) => {
    await learnings.remove(request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/learnings/:id/publish', {
    schema: { tags, summary: "Publish a draft: only for a resolved problem, which becomes learned", params: LearningParams, response: { 200: Learning, ...errors } },
  }, async (request) => learnings.publish(principalOf(request), request.params.id));

  app.post('/api/learnings/:id/acknowledge', {
    schema: { tags, summary: 'Mark a published learning read and understood (signed-in people)', params: LearningParams, response: { 200: LearningDetail, ...errors } },
  }, async (request) => learnings.acknowledge(principalOf(request), request.params.id));

  app.post('/api/learnings/:id/suggestion-opens', {
    schema: { tags, summary: 'Count that the learning was opened from a suggestion', params: LearningParams, response: { 204: NoContent, ...errors } },
  }, async (request, reply) => {
    await learnings.openedFromSuggestion(principalOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.patch('/api/learnings/:id/follow-ups/:followUpId', {
    schema: { tags, summary: 'Mark a follow-up action done (or not): its owner, or the swarm', params: FollowUpParams, body: FollowUpDoneBody, response: { 200: Learning, ...errors } },
  }, async (request) => learnings.setFollowUpDone(principalOf(request), request.params.id, request.params.followUpId, request.body));
}
