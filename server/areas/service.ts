import { randomUUID } from 'node:crypto';
import type { Area, CreateAreaBody, UpdateAreaBody } from '../../shared/areas.ts';
import { RESPONSE_TARGET_DEFAULT_MINUTES, SLUG_MAX } from '../../shared/limits.ts';
import type { Database } from '../db/client.ts';
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

export function createAreaService(db: Database) {
  return {
    list(): store.AreaRow[] {
      return store.listAreas(db.orm);
    },

    async create(body: CreateAreaBody): Promise<store.AreaRow> {
      const name = body.name.trim();
      if (!name) throw new ValidationError('name must not be blank', [{ field: 'name', message: 'must not be blank' }]);
      const slug = body.slug ?? slugify(name);
      if (!slug) throw new ValidationError('name needs a letter or digit to make a slug; give a slug', [{ field: 'slug', message: 'is required' }]);
      return db.transaction(({ orm }) => {
        if (store.findAreaBySlug(orm, slug)) throw new ConflictError('slug_taken', `An area with slug "${slug}" already exists`);
        return store.insertArea(orm, {
          id: randomUUID(), slug, name, description: body.description?.trim() ?? '',
          responseTargetMinutes: body.responseTargetMinutes ?? RESPONSE_TARGET_DEFAULT_MINUTES, createdAt: Date.now(),
        });
      });
    },

    async update(slug: string, body: UpdateAreaBody): Promise<store.AreaRow> {
      const name = body.name?.trim();
      if (name === '') throw new ValidationError('name must not be blank', [{ field: 'name', message: 'must not be blank' }]);
      return db.transaction(({ orm }) => {
        const area = store.findAreaBySlug(orm, slug);
        if (!area) throw new NotFoundError(`Area "${slug}"`);
        return store.updateArea(orm, area.id, {
          ...(name !== undefined && { name }),
          ...(body.description !== undefined && { description: body.description.trim() }),
          ...(body.responseTargetMinutes !== undefined && { responseTargetMinutes: body.responseTargetMinutes }),
          ...(body.archived !== undefined && { archivedAt: body.archived ? (area.archivedAt ?? Date.now()) : null }),
        });
      });
    },
  };
}

export type AreaService = ReturnType<typeof createAreaService>;
