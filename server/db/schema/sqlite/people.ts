// What each person chose to be alerted about: channels, areas and tags they follow.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { areas } from './problems.ts';

/** What a person chose about in-app alerts; someone with no row gets every channel. Flags are 0 or 1 on both databases. */
export const alertPreferences = sqliteTable('alert_preferences', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  banner: integer('banner').notNull().default(1),
  sound: integer('sound').notNull().default(1),
  notification: integer('notification').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
});

/** Areas a person chose to follow: their pulls alert them as they alert the area's responders. */
export const areaFollowers = sqliteTable(
  'area_followers',
  {
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.userId] }), index('area_followers_user_idx').on(t.userId)],
);

/** Tags a person follows: publishing a learning with one of them notifies them in the app. */
export const tagFollowers = sqliteTable(
  'tag_followers',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tag] }), index('tag_followers_tag_idx').on(t.tag)],
);
