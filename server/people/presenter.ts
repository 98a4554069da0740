import type { Member, PendingInvite } from '../../shared/people.ts';
import type { UserRow } from '../accounts/store.ts';
import type { PendingInviteRow } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentMember(user: UserRow): Member {
  return {
    id: user.id, name: user.name, email: user.email, role: user.role, createdAt: iso(user.createdAt),
    lastSignInAt: isoOrNull(user.lastSignInAt), deactivatedAt: isoOrNull(user.deactivatedAt),
  };
}

export function presentPendingInvite(row: PendingInviteRow): PendingInvite {
  // The code's hash names the invite: it cannot be turned back into the code.
  return { id: row.codeHash, email: row.email, role: row.role, createdAt: iso(row.createdAt), expiresAt: iso(row.expiresAt), createdByName: row.createdByName };
}
