import type { User } from '../../../shared/accounts.ts';
import type { Area } from '../../../shared/areas.ts';

/** Who sees which learnings are not spreading: an admin, or a responder of some area (as the server decides). */
export function leadsAnArea(me: Pick<User, 'id' | 'role'>, areas: readonly Area[]): boolean {
  return me.role === 'admin' || areas.some((a) => !a.archived && a.responders.some((p) => p.id === me.id));
}
