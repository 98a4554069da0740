import { randomInt, randomUUID } from 'node:crypto';
import { PULL_LINK_CODE_ALPHABET, PULL_LINK_CODE_LENGTH, type CreatePullLinkBody, type Kiosk, type KioskPull, type KioskPullBody, type PullLink } from '../../shared/pull-links.ts';
import type { Principal } from '../accounts/principal.ts';
import { findAreaBySlug } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { AppError, NotFoundError } from '../errors.ts';
import type { Replayable } from '../idempotency/idempotency.ts';
import type { ProblemService } from '../problems/service.ts';
import { presentKiosk, presentKioskPull, presentPullLink } from './presenter.ts';
import * as store from './store.ts';

/** Who pulled, when they give no name. */
const NAMELESS = 'Someone';

export class PullLinkUnknownError extends AppError {
  override name = 'PullLinkUnknownError';
  constructor() {
    super(404, 'pull_link_unknown', 'There is no pull link with this code: check the address, or ask whoever looks after Andon here for a new one');
  }
}

export class PullLinkTurnedOffError extends AppError {
  override name = 'PullLinkTurnedOffError';
  constructor(areaName: string) {
    super(410, 'pull_link_turned_off', `This pull link was turned off. Ask whoever looks after Andon for ${areaName} for a new one`);
  }
}

/** Uniform over the alphabet (randomInt, not a modulo of random bytes), so every code is as likely. */
export function newPullLinkCode(): string {
  let code = '';
  for (let i = 0; i < PULL_LINK_CODE_LENGTH; i++) code += PULL_LINK_CODE_ALPHABET[randomInt(PULL_LINK_CODE_ALPHABET.length)];
  return code;
}

export function createPullLinkService(db: Database, problems: ProblemService, clock: Clock) {
  async function areaOf(slug: string) {
    const area = await findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError('Area');
    return area;
  }

  /** A link that still lets people pull: known, not revoked, its area not archived. */
  async function liveLink(code: string): Promise<store.PullLinkWithArea> {
    const link = await store.findPullLinkByCode(db, code);
    if (!link) throw new PullLinkUnknownError();
    if (link.revokedAt !== null || link.areaArchivedAt !== null) throw new PullLinkTurnedOffError(link.areaName);
    return link;
  }

  return {
    async create(by: Principal, slug: string, body: CreatePullLinkBody, origin: string): Promise<PullLink> {
      const area = await areaOf(slug);
      const row = { id: randomUUID(), code: newPullLinkCode(), areaId: area.id, label: body.label?.trim() ?? '', createdBy: by.id, createdAt: clock.now() };
      await db.transaction((tx) => store.insertPullLink(tx, row));
      return presentPullLink({ ...row, lastPulledAt: null, revokedAt: null, areaSlug: area.slug, areaName: area.name, areaArchivedAt: area.archivedAt }, origin);
    },

    async list(slug: string, origin: string): Promise<PullLink[]> {
      const area = await areaOf(slug);
      return (await store.listPullLinksOfArea(db, area.id)).map((row) => presentPullLink(row, origin));
    },

    /** Turning a link off twice is harmless; its row stays, so the kiosk can say it was turned off. */
    async revoke(slug: string, id: string): Promise<void> {
      const area = await areaOf(slug);
      const link = await store.findPullLink(db, id);
      if (!link || link.areaId !== area.id) throw new NotFoundError('Pull link');
      await db.transaction((tx) => store.revokePullLink(tx, id, clock.now()));
    },

    async kiosk(code: string): Promise<Kiosk> {
      return presentKiosk(await liveLink(code));
    },

    /** A pull through a link: the same durable, idempotent pull as the API's, made by the link. */
    async pull(code: string, body: KioskPullBody, idempotencyKey: string | undefined): Promise<Replayable<KioskPull>> {
      const link = await liveLink(code);
      const by: Principal = { kind: 'link', id: link.id, name: body.name?.trim() || link.label || NAMELESS };
      const level = body.level ?? 'help';
      const title = body.title?.trim() || `${level === 'stop' ? 'Stop' : 'Help'} pulled at ${link.label || link.areaName}`;
      const result = await problems.raise(by, { title, level, area: link.areaSlug }, idempotencyKey);
      if (!result.replayed) await db.transaction((tx) => store.notePullThroughLink(tx, link.id, clock.now()));
      return { ...result, body: presentKioskPull(result.body, link.areaName) };
    },
  };
}

export type PullLinkService = ReturnType<typeof createPullLinkService>;
