import type { LearningAlert } from '../../shared/learnings.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog, EventRouting } from '../events/event-log.ts';
import { findAreaBySlug } from '../areas/store.ts';
import { listAreaMemberIds } from '../learnings/spread/store.ts';
import { listAreaFollowers, listTagFollowers } from './store.ts';

export interface PublishedLearning {
  id: string;
  title: string;
  tags: readonly string[];
  areaId: string;
}

/**
 * Records whom a newly published learning is for, in the publishing transaction: the members of its
 * area (the same people its spread counts), the area's followers, and whoever follows one of its
 * tags. The person who published it knows already.
 */
export async function recordLearningAlert(tx: Tx, events: EventLog, routing: EventRouting, learning: PublishedLearning, by: Principal, at: number): Promise<void> {
  const publisher = by.kind === 'user' ? by.id : null;
  const ofArea = new Set([...(await listAreaMemberIds(tx, learning.areaId)), ...(await listAreaFollowers(tx, learning.areaId))]);
  ofArea.delete(publisher ?? '');
  const ofTags = (await listTagFollowers(tx, learning.tags)).filter((id) => !ofArea.has(id) && id !== publisher);
  const userIds = [...ofArea, ...ofTags].sort();
  if (userIds.length === 0) return;
  const areaName = (await findAreaBySlug(tx, routing.areaSlug))?.name ?? routing.areaSlug;
  const data: LearningAlert = {
    id: learning.id, problemNumber: routing.problemNumber, title: learning.title, area: routing.areaSlug, areaName,
    tags: [...learning.tags], publishedBy: by.name, userIds, tagFollowerIds: ofTags,
  };
  await events.record(tx, 'learning.alerted', routing, data, at);
}
