// What the browser needs of this capability at run time, free of TypeBox: its schemas (../alerts.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import type { AlertPreferences } from '../alerts.ts';

/** How a person is alerted in the app; each is theirs to turn on or off. */
export const ALERT_CHANNELS = ['banner', 'sound', 'notification'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** Why a person is alerted: a pull in an area they respond to or follow, or an escalation to their step. */
export const ALERT_REASONS = ['raised', 'escalated'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

export const FOLLOWED_AREAS_MAX = 500;
export const FOLLOWED_TAGS_MAX = 100;

/** Someone who never chose is alerted every way, in the areas they respond to. */
export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { areas: [], tags: [], banner: true, sound: true, notification: true };
