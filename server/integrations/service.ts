import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  INTEGRATION_DEFAULT_NAMES, STOP_SEVERITIES_DEFAULT,
  type CreatedIntegration, type CreateIntegrationBody, type Integration, type NotificationResult, type UpdateIntegrationBody,
} from '../../shared/integrations.ts';
import { hashSecret, newSecret } from '../accounts/secrets.ts';
import { findAreaBySlug } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { NotFoundError, UnauthorizedError, ValidationError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { withOneOpenProblemPerKey } from '../problems/raise.ts';
import type { AlertGroup } from './alert-group.ts';
import { presentIntegration } from './presenter.ts';
import { receiveAlertGroup } from './receive.ts';
import * as store from './store.ts';

const newIntegrationToken = () => newSecret('andon_int_');
const LAST_RECEIVED_PRECISION_MS = 60_000;

function refuseSecretOnKind(kind: store.IntegrationRow['kind'], hmacSecret: string | null | undefined): void {
  if (kind !== 'grafana' && hmacSecret) {
    throw new ValidationError('hmacSecret is only for grafana integrations', [{ field: 'hmacSecret', message: 'only goes with kind grafana' }]);
  }
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function createIntegrationService(db: Database, events: EventLog, clock: Clock, publicBase: string) {
  const present = (row: store.IntegrationWithArea) => presentIntegration(row, publicBase);

  async function areaOf(slug: string) {
    const area = await findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError('Area');
    return area;
  }

  async function integrationOf(slug: string, id: string): Promise<store.IntegrationWithArea> {
    const area = await areaOf(slug);
    const row = await store.findIntegration(db, id);
    if (row?.areaId !== area.id) throw new NotFoundError('Integration');
    return row;
  }

  return {
    async create(slug: string, body: CreateIntegrationBody): Promise<CreatedIntegration> {
      const area = await areaOf(slug);
      refuseSecretOnKind(body.kind, body.hmacSecret);
      const token = newIntegrationToken();
      const row: store.IntegrationRow = {
        id: randomUUID(), areaId: area.id, kind: body.kind, name: body.name?.trim() || INTEGRATION_DEFAULT_NAMES[body.kind],
        tokenHash: hashSecret(token), stopSeverities: JSON.stringify(body.stopSeverities ?? STOP_SEVERITIES_DEFAULT),
        autoResolve: body.autoResolve === false ? 0 : 1, hmacSecret: body.hmacSecret ?? null,
        createdAt: clock.now(), tokenRotatedAt: null, lastReceivedAt: null,
      };
      await db.transaction((tx) => store.insertIntegration(tx, row));
      return { ...present({ ...row, areaSlug: area.slug }), token };
    },

    async list(slug: string): Promise<Integration[]> {
      return (await store.listIntegrationsOfArea(db, (await areaOf(slug)).id)).map(present);
    },

    async update(slug: string, id: string, body: UpdateIntegrationBody): Promise<Integration> {
      const row = await integrationOf(slug, id);
      refuseSecretOnKind(row.kind, body.hmacSecret);
      const next: store.IntegrationWithArea = {
        ...row,
        name: body.name?.trim() || row.name,
        stopSeverities: body.stopSeverities === undefined ? row.stopSeverities : JSON.stringify(body.stopSeverities),
        autoResolve: body.autoResolve === undefined ? row.autoResolve : Number(body.autoResolve),
        hmacSecret: body.hmacSecret === undefined ? row.hmacSecret : body.hmacSecret,
      };
      await db.transaction((tx) => store.updateIntegrationSettings(tx, next));
      return present(next);
    },

    /** A new token, answered this once; the old one stops working at once. */
    async rotate(slug: string, id: string): Promise<CreatedIntegration> {
      const row = await integrationOf(slug, id);
      const token = newIntegrationToken();
      const now = clock.now();
      await db.transaction((tx) => store.replaceToken(tx, id, hashSecret(token), now));
      return { ...present({ ...row, tokenRotatedAt: now }), token };
    },

    async remove(slug: string, id: string): Promise<void> {
      await integrationOf(slug, id);
      await db.transaction((tx) => store.deleteIntegration(tx, id));
    },

    /** The integration a notification is for, if its bearer token is this integration's. */
    async authenticate(id: string, token: string | undefined): Promise<store.IntegrationWithArea> {
      const row = token === undefined ? undefined : await store.findIntegration(db, id);
      if (!row || token === undefined || !sameHash(row.tokenHash, hashSecret(token))) {
        throw new UnauthorizedError('Send this integration\'s token as "Authorization: Bearer <token>"');
      }
      return row;
    },

    /** Durable before it answers: the sender gets its 2xx only once the change is committed. */
    async receive(integration: store.IntegrationWithArea, group: AlertGroup): Promise<NotificationResult> {
      const result = await withOneOpenProblemPerKey(db, async (tx) => {
        const area = await findAreaBySlug(tx, integration.areaSlug);
        if (!area) throw new NotFoundError('Area');
        const by = { kind: 'integration' as const, id: integration.id, name: integration.name };
        return receiveAlertGroup(tx, events, { area, by, autoResolve: integration.autoResolve === 1 }, group, clock.now());
      });
      // Settings only says when it last heard from the monitor, to the minute: written in every
      // notification's transaction, this one row would make a storm's notifications wait in line.
      const now = clock.now();
      if (integration.lastReceivedAt === null || now - integration.lastReceivedAt > LAST_RECEIVED_PRECISION_MS) {
        await db.transaction((tx) => store.noteReceived(tx, integration.id, now));
      }
      return result;
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
