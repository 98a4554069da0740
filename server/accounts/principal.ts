import type { Role } from '../../shared/accounts.ts';

/** Who is calling: a signed-in person (via session cookie) or a machine (via API token). */
export type Principal =
  | { kind: 'user'; id: string; name: string; email: string; role: Role; createdAt: number; sessionHash: string }
  | { kind: 'token'; id: string; name: string };

/** Stable identity used to scope idempotency keys and to record who did what. */
export function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
