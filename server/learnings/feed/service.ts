import { Feed } from 'feed';
import type { CreatedFeedToken } from '../../../shared/learnings.ts';
import type { Principal } from '../../accounts/principal.ts';
import { hashSecret, newSecret } from '../../accounts/secrets.ts';
import { findAreaBySlug } from '../../areas/store.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../errors.ts';
import { findLearning } from '../store.ts';
import { learningHtml, learningMarkdown, libraryMarkdown } from './markdown.ts';
import { findFeedTokenOwner, listPublishedLearnings, replaceFeedToken, revokeFeedTokens } from './store.ts';

const FEED_ENTRIES = 50;
export const FEED_PATH = '/api/learnings/feed.atom';

function requirePerson(by: Principal): string {
  if (by.kind !== 'user') throw new ForbiddenError('user_only', 'A feed token belongs to a signed-in person');
  return by.id;
}

/** The Atom feed (reached with a person's feed token, not the session) and the Markdown exports. */
export function createLearningFeed(db: Database, clock: Clock, publicBase: string) {
  async function areaIdOf(slug: string | undefined): Promise<string | null> {
    if (slug === undefined) return null;
    const area = await findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError(`Area ${slug}`);
    return area.id;
  }

  return {
    /** A new feed token (shown this once; any earlier one stops working). */
    async createToken(by: Principal): Promise<CreatedFeedToken> {
      const userId = requirePerson(by);
      const token = newSecret('feed_');
      await db.transaction((tx) => replaceFeedToken(tx, userId, hashSecret(token), clock.now()));
      return { token, path: `${FEED_PATH}?token=${encodeURIComponent(token)}` };
    },

    async revokeToken(by: Principal): Promise<void> {
      const userId = requirePerson(by);
      await db.transaction((tx) => revokeFeedTokens(tx, userId, clock.now()));
    },

    async atom(token: string, areaSlug: string | undefined): Promise<string> {
      if ((await findFeedTokenOwner(db, hashSecret(token))) === undefined) throw new UnauthorizedError('The feed token is not valid (it may have been revoked)');
      const learnings = await listPublishedLearnings(db, await areaIdOf(areaSlug), FEED_ENTRIES);
      const self = `${publicBase}${FEED_PATH}${areaSlug ? `?area=${encodeURIComponent(areaSlug)}` : ''}`;
      const feed = new Feed({
        id: self, link: `${publicBase}/learnings`, title: areaSlug ? `Andon learnings: ${areaSlug}` : 'Andon learnings',
        description: 'What every resolved problem taught', copyright: '',
        updated: new Date(learnings[0]?.publishedAt ?? clock.now()),
        generator: 'Andon',
      });
      for (const learning of learnings) {
        const link = `${publicBase}/learnings/${encodeURIComponent(learning.id)}`;
        feed.addItem({
          id: link, link, title: learning.title, date: new Date(learning.updatedAt), published: new Date(learning.publishedAt ?? learning.createdAt),
          content: learningHtml(learning), category: learning.tags ? learning.tags.split(' ').map((tag) => ({ name: tag, term: tag })) : [],
        });
      }
      return feed.atom1();
    },

    async exportOne(id: string): Promise<string> {
      const learning = await findLearning(db, id);
      if (!learning) throw new NotFoundError(`Learning ${id}`);
      return learningMarkdown(learning, publicBase);
    },

    async exportLibrary(areaSlug: string | undefined): Promise<string> {
      return libraryMarkdown(await listPublishedLearnings(db, await areaIdOf(areaSlug), null), publicBase);
    },
  };
}

export type LearningFeed = ReturnType<typeof createLearningFeed>;
