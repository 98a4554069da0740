// What the browser needs of this capability at run time, free of TypeBox: its schemas (../accounts.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import type { ActorKind } from '../accounts.ts';

export const ROLES = ['admin', 'member'] as const;

/**
 * Who did something: a signed-in person, a script with an API token, anyone through a pull link
 * (a kiosk or a QR code, no account), or a monitor through an integration (Alertmanager, Grafana).
 * A problem's raisedBy kind is also its source in the flow measures.
 */
export const ACTOR_KINDS = ['user', 'token', 'link', 'integration'] as const;

/** How the web says what kind of actor someone was, after their name; nothing for a person. */
export const ACTOR_KIND_SUFFIX: Readonly<Record<ActorKind, string>> = {
  user: '',
  token: ' (API token)',
  link: ' (pull link)',
  integration: ' (integration)',
};
