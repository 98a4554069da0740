// What the browser needs of this capability at run time, free of TypeBox: its schemas (../escalation.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).

/** Limits of an area's escalation path, shared by the API schema and the Settings editor. */
export const ESCALATION_STEPS_MAX = 10;
export const ESCALATION_REPEAT_MAX = 10;
/** A week, like the response target. */
export const ESCALATION_WAIT_MAX_MINUTES = 10_080;
export const PEOPLE_PER_LIST_MAX = 100;
