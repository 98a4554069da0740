import { randomUUID } from 'node:crypto';
import type { Area, CreateAreaBody, UpdateAreaBody } from '../../shared/areas.ts';
import { RESPONSE_TARGET_DEFAULT_MINUTES, SLUG_MAX } from '../../shared/limits.ts';
import type { Clock } from '../clock.ts';
import { UniqueViolationError, type Database } from '../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import * as store from './store.ts';

export function presentArea(row: store.AreaRow): Area {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    responseTargetMinutes: row.responseTargetMinutes,
    archived: row.archivedAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
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
    list(): Promise<store.AreaRow[]> {
      return store.listAreas(db);
    },

    async create(body: CreateAreaBody): Promise<store.AreaRow> {
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
          });
        });
      } catch (error) {
        // Another instance made the same slug between our check and our insert.
        if (error instanceof UniqueViolationError) throw taken();
        throw error;
      }
    },

    async update(slug: string, body: UpdateAreaBody): Promise<store.AreaRow> {
      const name = body.name?.trim();
      if (name === '') throw new ValidationError('name must not be blank', [{ field: 'name', message: 'must not be blank' }]);
      return db.transaction(async (tx) => {
        const area = await store.findAreaBySlug(tx, slug);
        if (!area) throw new NotFoundError(`Area "${slug}"`);
        return store.updateArea(tx, {
          ...area,
          ...(name !== undefined && { name }),
          ...(body.description !== undefined && { description: body.description.trim() }),
          ...(body.responseTargetMinutes !== undefined && { responseTargetMinutes: body.responseTargetMinutes }),
          ...(body.archived !== undefined && { archivedAt: body.archived ? (area.archivedAt ?? clock.now()) : null }),
        });
      });
    },
  };
}

export type AreaService = ReturnType<typeof createAreaService>;
