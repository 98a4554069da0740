// Both dialects' schemas take their value lists from shared/, so a new status or role is added once.
export { ACTOR_KINDS as KINDS_OF_PRINCIPAL, ROLES } from '../../../shared/accounts.ts';
export { LEVELS, STATUSES, OPEN_STATUSES } from '../../../shared/problems.ts';
export { RESPONSE_TARGET_DEFAULT_MINUTES } from '../../../shared/limits.ts';
export { TIMELINE_KINDS, VERDICTS } from '../../../shared/timeline.ts';
export { WEBHOOK_FORMATS, DELIVERY_STATUSES } from '../../../shared/webhooks.ts';
export { INTEGRATION_KINDS, ALERT_STATUSES } from '../../../shared/integrations.ts';
export { LEARNING_STATES } from '../../../shared/learnings.ts';
