import { NOT_SPREADING_PER_AREA, SPREADING_PERCENT, type NotSpreading } from '../../../shared/learnings.ts';
import type { Principal } from '../../accounts/principal.ts';
import { listAreas, type AreaRow } from '../../areas/store.ts';
import type { Queryable } from '../../db/client.ts';
import { isResponder } from '../../responders/store.ts';
import { listAcknowledgerIds, listAreaMembers, listNotSpreading } from './store.ts';

/** Admins (and their API tokens) look after every area; a responder after the areas they respond to. */
async function areasLedBy(db: Queryable, by: Principal): Promise<AreaRow[]> {
  const open = (await listAreas(db)).filter((a) => a.archivedAt === null);
  if (by.kind === 'token' || (by.kind === 'user' && by.role === 'admin')) return open;
  if (by.kind !== 'user') return [];
  const led: AreaRow[] = [];
  for (const area of open) if (await isResponder(db, area.id, by.id)) led.push(area);
  return led;
}

/**
 * The lead's view: per area the caller looks after, its published learnings that fewer than
 * SPREADING_PERCENT of the area's members acknowledged, the oldest first, each with who has not yet.
 */
export async function loadNotSpreading(db: Queryable, by: Principal): Promise<NotSpreading> {
  const areas = await areasLedBy(db, by);
  const ids = areas.map((a) => a.id);
  const rows = await listNotSpreading(db, ids, SPREADING_PERCENT, NOT_SPREADING_PER_AREA);
  const members = await listAreaMembers(db, [...new Set(rows.map((r) => r.areaId))]);
  const acknowledgers = await listAcknowledgerIds(db, rows.map((r) => r.id));
  const result: NotSpreading = { percent: SPREADING_PERCENT, areas: [] };
  for (const area of areas) {
    const own = rows.filter((r) => r.areaId === area.id);
    if (own.length === 0) continue;
    const people = members.filter((m) => m.areaId === area.id);
    result.areas.push({
      area: area.slug, areaName: area.name, members: own[0].members, count: own[0].inArea,
      learnings: own.map((r) => ({
        id: r.id, problemNumber: r.problemNumber, title: r.title, publishedAt: new Date(r.publishedAt).toISOString(),
        membersAcknowledged: r.membersAcknowledged, share: r.membersAcknowledged / r.members,
        notAcknowledged: people.filter((p) => !acknowledgers.get(r.id)?.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
      })),
    });
  }
  return result;
}
