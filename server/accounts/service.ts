import { randomUUID } from 'node:crypto';
import type { AcceptInviteBody, CreateInviteBody, SetupBody, SignInBody } from '../../shared/accounts.ts';
import { RESPONSE_TARGET_DEFAULT_MINUTES } from '../../shared/limits.ts';
import { insertArea } from '../areas/store.ts';
import type { Database } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
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

export function createAccountService(db: Database, settings: AccountSettings) {
  const lastTokenTouch = new Map<string, number>();

  function openSession(orm: Database['orm'], user: store.UserRow, now: number): SignedIn {
    const sessionSecret = newSecret();
    const expiresAt = now + settings.sessionDays * 86_400_000;
    store.insertSession(orm, { idHash: hashSecret(sessionSecret), userId: user.id, createdAt: now, expiresAt });
    return { user, sessionSecret, expiresAt };
  }

  const normaliseEmail = (email: string) => email.trim().toLowerCase();

  return {
    setupNeeded(): boolean {
      return store.countUsers(db.orm) === 0;
    },

    /** Creates the first admin and the first area; refused once anyone has an account. */
    async setup(body: SetupBody): Promise<SignedIn> {
      const passwordHash = await hashPassword(body.password);
      return db.transaction(({ orm }) => {
        if (store.countUsers(orm) > 0) throw new ConflictError('already_set_up', 'Andon is already set up; sign in instead');
        const now = Date.now();
        const user = store.insertUser(orm, {
          id: randomUUID(), name: body.name.trim(), email: normaliseEmail(body.email), passwordHash, role: 'admin', createdAt: now,
        });
        insertArea(orm, {
          id: randomUUID(), slug: 'general', name: 'General', description: 'Anything that has no better home yet.',
          responseTargetMinutes: RESPONSE_TARGET_DEFAULT_MINUTES, createdAt: now,
        });
        return openSession(orm, user, now);
      });
    },

    async signIn(body: SignInBody): Promise<SignedIn> {
      const user = store.findUserByEmail(db.orm, normaliseEmail(body.email));
      if (!user) {
        await burnPasswordCheck(body.password);
        throw new UnauthorizedError('Email or password is wrong');
      }
      if (!(await verifyPassword(body.password, user.passwordHash))) throw new UnauthorizedError('Email or password is wrong');
      return db.transaction(({ orm }) => {
        store.deleteExpiredSessions(orm, Date.now());
        return openSession(orm, user, Date.now());
      });
    },

    async signOut(principal: Principal): Promise<void> {
      if (principal.kind !== 'user') return;
      await db.transaction(({ orm }) => store.deleteSession(orm, principal.sessionHash));
    },

    /** Resolves a session cookie or a bearer token to who is calling, or null. */
    authenticate(sessionSecret: string | undefined, bearer: string | undefined): Principal | null {
      const now = Date.now();
      if (bearer) {
        const token = store.findLiveApiToken(db.orm, hashSecret(bearer));
        if (!token) return null;
        // Recording use on every request would put a write on every pull; once a minute is plenty.
        if (now - (lastTokenTouch.get(token.id) ?? 0) > TOKEN_TOUCH_INTERVAL_MS) {
          lastTokenTouch.set(token.id, now);
          void db.transaction(({ orm }) => store.touchApiToken(orm, token.id, now)).catch(() => {});
        }
        return { kind: 'token', id: token.id, name: token.name };
      }
      if (sessionSecret) {
        const sessionHash = hashSecret(sessionSecret);
        const user = store.findUserBySession(db.orm, sessionHash, now);
        if (!user) return null;
        return { kind: 'user', id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt, sessionHash };
      }
      return null;
    },

    async createInvite(by: Principal, body: CreateInviteBody): Promise<{ code: string; row: store.InviteRow }> {
      const code = newSecret();
      const now = Date.now();
      const row = await db.transaction(({ orm }) =>
        store.insertInvite(orm, {
          codeHash: hashSecret(code), email: body.email ? normaliseEmail(body.email) : null, role: body.role ?? 'member',
          createdBy: by.id, createdAt: now, expiresAt: now + settings.inviteHours * 3_600_000,
        }),
      );
      return { code, row };
    },

    findInvite(code: string): store.InviteRow {
      const invite = store.findOpenInvite(db.orm, hashSecret(code), Date.now());
      if (!invite) throw new NotFoundError('Invite (it may have been used or have expired)');
      return invite;
    },

    async acceptInvite(code: string, body: AcceptInviteBody): Promise<SignedIn> {
      const codeHash = hashSecret(code);
      const passwordHash = await hashPassword(body.password);
      return db.transaction(({ orm }) => {
        const now = Date.now();
        const invite = store.findOpenInvite(orm, codeHash, now);
        if (!invite) throw new NotFoundError('Invite (it may have been used or have expired)');
        const email = invite.email ?? (body.email ? normaliseEmail(body.email) : null);
        if (!email) throw new ValidationError('email is required', [{ field: 'email', message: 'is required' }]);
        if (invite.email && body.email && normaliseEmail(body.email) !== invite.email) {
          throw new ForbiddenError('invite_email_mismatch', 'This invite is for another email address');
        }
        if (store.findUserByEmail(orm, email)) throw new ConflictError('email_taken', 'An account with this email already exists');
        const user = store.insertUser(orm, {
          id: randomUUID(), name: body.name.trim(), email, passwordHash, role: invite.role, createdAt: now,
        });
        if (!store.markInviteAccepted(orm, codeHash, user.id, now)) throw new NotFoundError('Invite');
        return openSession(orm, user, now);
      });
    },

    async createApiToken(by: Principal, name: string): Promise<{ token: string; row: store.ApiTokenRow }> {
      const token = newSecret('andon_');
      const row = await db.transaction(({ orm }) =>
        store.insertApiToken(orm, { id: randomUUID(), name: name.trim(), tokenHash: hashSecret(token), createdBy: by.id, createdAt: Date.now() }),
      );
      return { token, row };
    },

    listApiTokens(): store.ApiTokenRow[] {
      return store.listLiveApiTokens(db.orm);
    },

    async revokeApiToken(id: string): Promise<void> {
      const revoked = await db.transaction(({ orm }) => store.revokeApiToken(orm, id, Date.now()));
      if (!revoked) throw new NotFoundError('API token');
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
