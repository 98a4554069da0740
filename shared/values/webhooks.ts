// What the browser needs of this capability at run time, free of TypeBox: its schemas (../webhooks.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).

/** Where a webhook posts: three chat tools, or every event as signed JSON. */
export const WEBHOOK_FORMATS = ['slack', 'mattermost', 'teams', 'json'] as const;

export const WEBHOOK_URL_MAX = 2_000;
