import type { ApiToken, Me, User } from '../../shared/accounts.ts';
import type { Principal } from './principal.ts';
import type { ApiTokenRow, UserRow } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentUser(user: Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'createdAt'>): User {
  return { id: user.id, name: user.name, email: user.email, role: user.role, createdAt: iso(user.createdAt) };
}

export function presentMe(principal: Principal): Me {
  return principal.kind === 'user'
    ? { kind: 'user', user: presentUser(principal) }
    : { kind: 'token', token: { id: principal.id, name: principal.name } };
}

export function presentApiToken(row: ApiTokenRow): ApiToken {
  return { id: row.id, name: row.name, createdAt: iso(row.createdAt), lastUsedAt: row.lastUsedAt ? iso(row.lastUsedAt) : null };
}
