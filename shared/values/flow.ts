// What the browser needs of this capability at run time, free of TypeBox: its schemas (../flow.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).

/** Where a pull came from, named for people: a problem's raisedBy kind is its source. */
export const PULL_SOURCES = ['person', 'api', 'pull-link', 'integration'] as const;

/** The periods the Flow page offers; any from–to up to FLOW_PERIOD_MAX_DAYS goes through the API. */
export const FLOW_PERIOD_DAYS = [7, 30, 90] as const;
export const FLOW_PERIOD_DEFAULT_DAYS = 30;
export const FLOW_PERIOD_MAX_DAYS = 366;
export const WEEK_MS = 7 * 86_400_000;

/** The spans measured, each from the pull (raised) except learn, which starts at the resolution. */
export const FLOW_MEASURES = ['respond', 'contain', 'resolve', 'learn'] as const;
export type FlowMeasure = (typeof FLOW_MEASURES)[number];

/** How a span compares with the problem's response target (the area's, halved for Stop). */
export const TARGET_BUCKETS = ['half', 'target', 'double', 'quadruple', 'beyond', 'unreached'] as const;
export type TargetBucket = (typeof TARGET_BUCKETS)[number];
export const TARGET_BUCKET_LABELS: Readonly<Record<TargetBucket, string>> = {
  half: 'within half the target',
  target: 'within the target',
  double: 'up to 2× the target',
  quadruple: 'up to 4× the target',
  beyond: 'over 4× the target',
  unreached: 'not yet, target passed',
};
