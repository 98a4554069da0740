import { randomUUID } from 'node:crypto';
import type { Area, CreateAreaBody, UpdateAreaBody } from '../../shared/areas.ts';
import type { PutEscalationBody, PutRespondersBody } from '../../shared/escalation.ts';
import type { Principal } from '../accounts/principal.ts';
import { listPeople, unknownUserIds } from '../accounts/store.ts';
import { RESPONSE_TARGET_DEFAULT_MINUTES, SLUG_MAX } from '../../shared/limits.ts';
import type { Clock } from '../clock.ts';
import { UniqueViolationError, type Database, type Queryable } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { isResponder, loadAreaPeople, replaceEscalationPath, replaceResponders, type AreaPeople } from '../responders/store.ts';
import * as store from './store.ts';

export function presentArea(row: store.AreaRow, people: AreaPeople = { responders: [], steps: [] }): Area {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    responseTargetMinutes: row.responseTargetMinutes,
    archived: row.archivedAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    responders: people.responders,
    escalation: { steps: people.steps.map((step) => ({ users: step.people, waitMinutes: step.waitMinutes })), repeat: row.escalationRepeat },
  };
}

async function presentAreas(db: Queryable, rows: store.AreaRow[]): Promise<Area[]> {
  const people = await loadAreaPeople(db, rows.map((r) => r.id));
  return rows.map((row) => presentArea(row, people.get(row.id)));
}

async function requireKnownUsers(db: Queryable, ids: readonly string[], field: string): Promise<void> {
  const unknown = await unknownUserIds(db, [...new Set(ids)]);
  if (unknown.length > 0) {
    throw new ValidationError(`${unknown.length === 1 ? 'this user does' : 'these users do'} not exist: ${unknown.join(', ')}`,
      [{ field, message: 'names a user who does not exist' }]);
  }
}

/** Admins and the area's own responders look after who answers its pulls. */
async function requireAreaKeeper(db: Queryable, by: Principal, area: store.AreaRow): Promise<void> {
  if (by.kind === 'user' && (by.role === 'admin' || (await isResponder(db, area.id, by.id)))) return;
  throw new ForbiddenError('not_area_keeper', "Only an admin or one of the area's responders can change its responders and escalation path");
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
}

export function createAreaService(db: Database, clock: Clock) {
  return {
    async list(): Promise<Area[]> {
      return presentAreas(db, await store.listAreas(db));
    },

    people(): Promise<Array<{ id: string; name: string }>> {
      return listPeople(db);
    },

    async get(slug: string): Promise<Area> {
      const area = await store.findAreaBySlug(db, slug);
      if (!area) throw new NotFoundError(`Area "${slug}"`);
      return (await presentAreas(db, [area]))[0];
    },

    async setResponders(by: Principal, slug: string, body: PutRespondersBody): Promise<Area> {
      return db.transaction(async (tx) => {
        const area = await store.findAreaBySlug(tx, slug);
        if (!area) throw new NotFoundError(`Area "${slug}"`);
        await requireAreaKeeper(tx, by, area);
        await requireKnownUsers(tx, body.userIds, 'userIds');
        await replaceResponders(tx, area.id, body.userIds);
        return (await presentAreas(tx, [area]))[0];
      });
    },

    async setEscalation(by: Principal, slug: string, body: PutEscalationBody): Promise<Area> {
      return db.transaction(async (tx) => {
        const area = await store.findAreaBySlug(tx, slug);
        if (!area) throw new NotFoundError(`Area "${slug}"`);
        await requireAreaKeeper(tx, by, area);
        await requireKnownUsers(tx, body.steps.flatMap((step) => step.userIds), 'steps');
        await replaceEscalationPath(tx, area.id, body.steps, body.repeat);
        // A problem already counting down reads the path afresh at its next escalation.
        return (await presentAreas(tx, [{ ...area, escalationRepeat: body.repeat }]))[0];
      });
    },

    async create(body: CreateAreaBody): Promise<Area> {
      const name = body.name.trim();
      if (!name) throw new ValidationError('name must not be blank', [{ field: 'name', message: 'must not be blank' }]);
      const slug = body.slug ?? slugify(name);
      if (!slug) throw new ValidationError('name needs a letter or digit to make a slug; give a slug', [{ field: 'slug', message: 'is required' }]);
      const taken = () => new ConflictError('slug_taken', `An area with slug "${slug}" already exists`);
      try {
        return await db.transaction(async (tx) => {
          if (await store.findAreaBySlug(tx, slug)) throw taken();
          return store.insertArea(tx, {
            id: randomUUID(), slug, name, description: body.description?.trim() ?? '', archivedAt: null,
            responseTargetMinutes: body.responseTargetMinutes ?? RESPONSE_TARGET_DEFAULT_MINUTES, createdAt: clock.now(),
          }).then((row) => presentArea(row));
        });
      } catch (error) {
        // Another instance made the same slug between our check and our insert.
        if (error instanceof UniqueViolationError) throw taken();
        throw error;
      }
    },

    async update(slug: string, body: UpdateAreaBody): Promise<Area> {
      const name = body.name?.trim();
      if (name === '') throw new ValidationError('name must not be blank', [{ field: 'name', message: 'must not be blank' }]);
      return db.transaction(async (tx) => {
        const area = await store.findAreaBySlug(tx, slug);
        if (!area) throw new NotFoundError(`Area "${slug}"`);
        const row = await store.updateArea(tx, {
          ...area,
          ...(name !== undefined && { name }),
          ...(body.description !== undefined && { description: body.description.trim() }),
          ...(body.responseTargetMinutes !== undefined && { responseTargetMinutes: body.responseTargetMinutes }),
          ...(body.archived !== undefined && { archivedAt: body.archived ? (area.archivedAt ?? clock.now()) : null }),
        });
        return (await presentAreas(tx, [row]))[0];
      });
    },
  };
}

export type AreaService = ReturnType<typeof createAreaService>;
