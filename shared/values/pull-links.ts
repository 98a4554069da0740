// What the browser needs of this capability at run time, free of TypeBox: its schemas (../pull-links.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).

export const PULL_LINK_LABEL_MAX = 100;
