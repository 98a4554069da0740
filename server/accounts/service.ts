import { randomUUID } from 'node:crypto';
import type { AcceptInviteBody, CreateInviteBody, SetupBody, SignInBody } from '../../shared/accounts.ts';
import { RESPONSE_TARGET_DEFAULT_MINUTES } from '../../shared/limits.ts';
import { insertArea } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import { UniqueViolationError, type Database, type Queryable } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors.ts';
import type { PasswordHasher } from './passwords.ts';
import type { EventLog } from '../events/event-log.ts';
import type { Credential } from '../hub/connection.ts';
import type { Principal } from './principal.ts';
import { hashSecret, newSecret } from './secrets.ts';
import * as store from './store.ts';

export interface AccountSettings {
  sessionDays: number;
  inviteHours: number;
}

export interface SignedIn {
  user: store.UserRow;
  /** The cookie value; only its hash is stored. */
  sessionSecret: string;
  expiresAt: number;
}

const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export function createAccountService(db: Database, settings: AccountSettings, clock: Clock, events: EventLog, passwords: PasswordHasher) {
  const lastTokenTouch = new Map<string, number>();

  async function openSession(tx: Queryable, user: store.UserRow, now: number): Promise<SignedIn> {
    const sessionSecret = newSecret();
    const expiresAt = now + settings.sessionDays * 86_400_000;
    await store.insertSession(tx, { idHash: hashSecret(sessionSecret), userId: user.id, createdAt: now, expiresAt });
    await store.recordSignIn(tx, user.id, now);
    return { user: { ...user, lastSignInAt: now }, sessionSecret, expiresAt };
  }

  const normaliseEmail = (email: string) => email.trim().toLowerCase();

  return {
    async setupNeeded(): Promise<boolean> {
      return (await store.countUsers(db)) === 0;
    },

    /** Creates the first admin and the first area; refused once anyone has an account. */
    async setup(body: SetupBody): Promise<SignedIn> {
      const passwordHash = await passwords.hash(body.password);
      const alreadySetUp = () => new ConflictError('already_set_up', 'Andon is already set up; sign in instead');
      try {
        return await db.transaction(async (tx) => {
          if ((await store.countUsers(tx)) > 0) throw alreadySetUp();
          const now = clock.now();
          const user = await store.insertUser(tx, {
            id: randomUUID(), name: body.name.trim(), email: normaliseEmail(body.email), passwordHash, role: 'admin', createdAt: now,
          });
          // A fixed slug: two instances setting up at once collide on it, and only one set-up stands.
          await insertArea(tx, {
            id: randomUUID(), slug: 'general', name: 'General', description: 'Anything that has no better home yet.',
            responseTargetMinutes: RESPONSE_TARGET_DEFAULT_MINUTES, archivedAt: null, createdAt: now,
          });
          return openSession(tx, user, now);
        });
      } catch (error) {
        if (error instanceof UniqueViolationError) throw alreadySetUp();
        throw error;
      }
    },

    async signIn(body: SignInBody): Promise<SignedIn> {
      const user = await store.findUserByEmail(db, normaliseEmail(body.email));
      if (!user) {
        await passwords.burnCheck(body.password);
        throw new UnauthorizedError('Email or password is wrong');
      }
      if (!(await passwords.verify(body.password, user.passwordHash))) throw new UnauthorizedError('Email or password is wrong');
      // Said only to someone who knows the password, so it tells a stranger nothing.
      if (user.deactivatedAt !== null) {
        throw new ForbiddenError('account_deactivated', 'This account has been deactivated. Ask an admin of your Andon to reactivate it.');
      }
      return db.transaction(async (tx) => {
        const now = clock.now();
        await store.deleteExpiredSessions(tx, now);
        return openSession(tx, user, now);
      });
    },

    async signOut(principal: Principal): Promise<void> {
      if (principal.kind !== 'user') return;
      await db.transaction((tx) => store.deleteSession(tx, principal.sessionHash));
    },

    /** Resolves a session cookie or a bearer token to who is calling, or null. */
    async authenticate(sessionSecret: string | undefined, bearer: string | undefined): Promise<Principal | null> {
      const now = clock.now();
      if (bearer) {
        const token = await store.findLiveApiToken(db, hashSecret(bearer));
        if (!token) return null;
        // Recording use on every request would put a write on every pull; once a minute is plenty.
        if (now - (lastTokenTouch.get(token.id) ?? 0) > TOKEN_TOUCH_INTERVAL_MS) {
          lastTokenTouch.set(token.id, now);
          // Losing one 'last used' time is harmless; the next minute's request records it.
          void db.transaction((tx) => store.touchApiToken(tx, token.id, now)).catch(() => lastTokenTouch.delete(token.id));
        }
        return { kind: 'token', id: token.id, name: token.name };
      }
      if (sessionSecret) {
        const sessionHash = hashSecret(sessionSecret);
        const user = await store.findUserBySession(db, sessionHash, now);
        if (!user) return null;
        return { kind: 'user', id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt, sessionHash };
      }
      return null;
    },

    /** For the live hub: whether a connection's session or token still lets it in. */
    async credentialHolds(credential: Credential): Promise<boolean> {
      if (credential.kind === 'token') return store.isLiveApiToken(db, credential.tokenId);
      return (await store.findUserBySession(db, credential.sessionHash, clock.now())) !== undefined;
    },

    async createInvite(by: Principal, body: CreateInviteBody): Promise<{ code: string; row: store.InviteRow }> {
      const code = newSecret();
      const now = clock.now();
      const row = await db.transaction((tx) =>
        store.insertInvite(tx, {
          codeHash: hashSecret(code), email: body.email ? normaliseEmail(body.email) : null, role: body.role ?? 'member',
          createdBy: by.id, createdAt: now, expiresAt: now + settings.inviteHours * 3_600_000,
        }),
      );
      return { code, row };
    },

    async findInvite(code: string): Promise<store.InviteRow> {
      const invite = await store.findOpenInvite(db, hashSecret(code), clock.now());
      if (!invite) throw new NotFoundError('Invite (it may have been used or have expired)');
      return invite;
    },

    async acceptInvite(code: string, body: AcceptInviteBody): Promise<SignedIn> {
      const codeHash = hashSecret(code);
      const passwordHash = await passwords.hash(body.password);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const invite = await store.findOpenInvite(tx, codeHash, now);
        if (!invite) throw new NotFoundError('Invite (it may have been used or have expired)');
        const email = invite.email ?? (body.email ? normaliseEmail(body.email) : null);
        if (!email) throw new ValidationError('email is required', [{ field: 'email', message: 'is required' }]);
        if (invite.email && body.email && normaliseEmail(body.email) !== invite.email) {
          throw new ForbiddenError('invite_email_mismatch', 'This invite is for another email address');
        }
        if (await store.findUserByEmail(tx, email)) throw new ConflictError('email_taken', 'An account with this email already exists');
        const user = await store.insertUser(tx, {
          id: randomUUID(), name: body.name.trim(), email, passwordHash, role: invite.role, createdAt: now,
        });
        if (!(await store.markInviteAccepted(tx, codeHash, user.id, now))) throw new NotFoundError('Invite');
        return openSession(tx, user, now);
      });
    },

    async createApiToken(by: Principal, name: string): Promise<{ token: string; row: store.ApiTokenRow }> {
      const token = newSecret('andon_');
      const row = await db.transaction((tx) =>
        store.insertApiToken(tx, { id: randomUUID(), name: name.trim(), tokenHash: hashSecret(token), createdBy: by.id, createdAt: clock.now() }),
      );
      return { token, row };
    },

    listApiTokens(): Promise<store.ApiTokenRow[]> {
      return store.listLiveApiTokens(db);
    },

    async revokeApiToken(id: string): Promise<void> {
      const revoked = await db.transaction(async (tx) => {
        const now = clock.now();
        if (!(await store.revokeApiToken(tx, id, now))) return false;
        // Its live connections close too, on every instance.
        await events.recordAccessEnded(tx, { tokenIds: [id] }, now);
        return true;
      });
      if (!revoked) throw new NotFoundError('API token');
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
