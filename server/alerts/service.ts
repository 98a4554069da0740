import { DEFAULT_ALERT_PREFERENCES, type AlertPreferences, type PutAlertPreferencesBody } from '../../shared/alerts.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import * as store from './store.ts';

function personOf(principal: Principal): string {
  if (principal.kind !== 'user') throw new ForbiddenError('user_only', 'Only a signed-in person has alert preferences');
  return principal.id;
}

export function createAlertService(db: Database, clock: Clock) {
  async function read(userId: string): Promise<AlertPreferences> {
    const row = await store.findPreferences(db, userId);
    const areas = await store.listFollowedAreaSlugs(db, userId);
    const tags = await store.listFollowedTags(db, userId);
    if (!row) return { ...DEFAULT_ALERT_PREFERENCES, areas, tags };
    return { areas, tags, banner: row.banner === 1, sound: row.sound === 1, notification: row.notification === 1 };
  }

  return {
    get: (by: Principal) => read(personOf(by)),

    /** Replaces the caller's choices as a whole (the tags only when sent); an unknown area changes nothing. */
    async put(by: Principal, body: PutAlertPreferencesBody): Promise<AlertPreferences> {
      const userId = personOf(by);
      await db.transaction(async (tx) => {
        const ids = await store.areaIdsBySlug(tx, body.areas);
        const unknown = body.areas.filter((slug) => !ids.has(slug));
        if (unknown.length > 0) {
          throw new ValidationError(`No such area: ${unknown.join(', ')}`, unknown.map(() => ({ field: 'areas', message: 'is not a known area' })));
        }
        const flag = (on: boolean) => (on ? 1 : 0);
        await store.savePreferences(tx, userId, { banner: flag(body.banner), sound: flag(body.sound), notification: flag(body.notification) }, [...ids.values()], clock.now());
        if (body.tags !== undefined) await store.replaceFollowedTags(tx, userId, body.tags);
      });
      return read(userId);
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
