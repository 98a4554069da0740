import type { Role } from '../../shared/accounts.ts';

/**
 * Who is calling: a signed-in person (via session cookie), a machine (via API token), or anyone
 * through a pull link (the link's id; the name they typed, or the link's label).
 */
export type Principal =
  | { kind: 'user'; id: string; name: string; email: string; role: Role; createdAt: number; sessionHash: string }
  | { kind: 'token'; id: string; name: string }
  | { kind: 'link'; id: string; name: string };

/** Stable identity used to scope idempotency keys and to record who did what. */
export function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
