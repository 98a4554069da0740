import type { Spread } from '../../../shared/learnings.ts';
import type { Queryable } from '../../db/client.ts';
import type { LearningWithArea } from '../store.ts';
import { listAcknowledgements, listAreaMemberIds } from './store.ts';

/** Who acknowledged the learning, and what share of its area's members (see `listAreaMemberIds`) did. */
export async function loadSpread(db: Queryable, learning: LearningWithArea): Promise<Spread> {
  const acknowledged = await listAcknowledgements(db, learning.id);
  const members = new Set(await listAreaMemberIds(db, learning.areaId));
  const membersAcknowledged = acknowledged.filter((a) => members.has(a.userId)).length;
  return {
    acknowledged: acknowledged.map((a) => ({ id: a.userId, name: a.name, at: new Date(a.at).toISOString() })),
    members: members.size,
    membersAcknowledged,
    share: members.size === 0 ? 0 : membersAcknowledged / members.size,
  };
}
