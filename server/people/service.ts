import type { ChangePasswordBody, UpdateMemberBody } from '../../shared/people.ts';
import { PASSWORD_RESET_HOURS } from '../../shared/people.ts';
import type { PasswordHasher } from '../accounts/passwords.ts';
import type { Principal } from '../accounts/principal.ts';
import { hashSecret, newSecret } from '../accounts/secrets.ts';
import type { UserRow } from '../accounts/store.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import * as store from './store.ts';

type Person = Extract<Principal, { kind: 'user' }>;

const resetGone = () => new NotFoundError('Password-reset link (it may have been used, replaced or have expired)');

/**
 * The admin's side of people (roles, deactivation, invites, reset links) and each person's own
 * account. Whatever ends someone's access also records `access.ended`, so every instance's live
 * hub closes their connections.
 */
export function createPeopleService(db: Database, events: EventLog, clock: Clock, passwords: PasswordHasher) {
  function asPerson(principal: Principal): Person {
    if (principal.kind !== 'user') throw new ForbiddenError('user_only', 'Only a signed-in person can do this');
    return principal;
  }

  return {
    listMembers: () => store.listMembers(db),

    /** Changes a role and/or deactivates or reactivates; there is always at least one active admin. */
    async updateMember(id: string, body: UpdateMemberBody): Promise<UserRow> {
      return db.transaction(async (tx) => {
        const admins = await store.lockActiveAdmins(tx);
        const user = await store.findUserForUpdate(tx, id);
        if (!user) throw new NotFoundError('Person');
        const now = clock.now();
        const demoting = body.role === 'member' && user.role === 'admin';
        const deactivating = body.active === false && user.deactivatedAt === null;
        if ((demoting || deactivating) && admins.length === 1 && admins[0] === id) {
          throw new ConflictError('last_admin', `${user.name} is the only admin: make someone else an admin first`);
        }
        let changed = user;
        if (body.role !== undefined && body.role !== user.role) {
          await store.setRole(tx, id, body.role);
          changed = { ...changed, role: body.role };
        }
        if (deactivating) {
          await store.setDeactivatedAt(tx, id, now);
          await store.deleteSessionsOf(tx, id);
          await store.deleteOpenPasswordResets(tx, id);
          const tokenIds = await store.revokeTokensMadeBy(tx, id, now);
          await events.recordAccessEnded(tx, { userId: id, tokenIds }, now);
          changed = { ...changed, deactivatedAt: now };
        } else if (body.active === true && user.deactivatedAt !== null) {
          await store.setDeactivatedAt(tx, id, null);
          changed = { ...changed, deactivatedAt: null };
        }
        return changed;
      });
    },

    listPendingInvites: () => store.listPendingInvites(db, clock.now()),

    async revokeInvite(id: string): Promise<void> {
      if (!(await db.transaction((tx) => store.deletePendingInvite(tx, id)))) throw new NotFoundError('Pending invite');
    },

    /** A one-time link for someone to set a new password; the code is answered once, only its hash kept. */
    async createPasswordReset(by: Principal, userId: string): Promise<{ code: string; expiresAt: number }> {
      const code = newSecret();
      return db.transaction(async (tx) => {
        const user = await store.findUserForUpdate(tx, userId);
        if (!user) throw new NotFoundError('Person');
        if (user.deactivatedAt !== null) throw new ConflictError('deactivated', `${user.name} is deactivated: reactivate them first`);
        const now = clock.now();
        const expiresAt = now + PASSWORD_RESET_HOURS * 3_600_000;
        await store.deleteOpenPasswordResets(tx, userId);
        await store.insertPasswordReset(tx, { codeHash: hashSecret(code), userId, createdBy: by.id, createdAt: now, expiresAt });
        return { code, expiresAt };
      });
    },

    async findPasswordReset(code: string): Promise<{ name: string; email: string; expiresAt: number }> {
      const reset = await store.findOpenPasswordReset(db, hashSecret(code), clock.now());
      if (!reset) throw resetGone();
      return { name: reset.name, email: reset.email, expiresAt: reset.expiresAt };
    },

    /** Sets the new password, uses the link up and ends every session the person had. */
    async usePasswordReset(code: string, password: string): Promise<void> {
      const codeHash = hashSecret(code);
      const passwordHash = await passwords.hash(password);
      await db.transaction(async (tx) => {
        const now = clock.now();
        const reset = await store.findOpenPasswordReset(tx, codeHash, now);
        if (!reset || !(await store.markPasswordResetUsed(tx, codeHash, now))) throw resetGone();
        await store.setPasswordHash(tx, reset.userId, passwordHash);
        await store.deleteSessionsOf(tx, reset.userId);
        await events.recordAccessEnded(tx, { userId: reset.userId }, now);
      });
    },

    async rename(principal: Principal, name: string): Promise<UserRow> {
      const person = asPerson(principal);
      return db.transaction(async (tx) => {
        await store.setName(tx, person.id, name.trim());
        const user = await store.findUser(tx, person.id);
        if (!user) throw new NotFoundError('Person');
        return user;
      });
    },

    /** Needs the current password; ends the person's other sessions, keeps this one. */
    async changePassword(principal: Principal, body: ChangePasswordBody): Promise<void> {
      const person = asPerson(principal);
      const user = await store.findUser(db, person.id);
      if (!user || !(await passwords.verify(body.currentPassword, user.passwordHash))) {
        throw new ValidationError('The current password is wrong', [{ field: 'currentPassword', message: 'is wrong' }]);
      }
      const passwordHash = await passwords.hash(body.newPassword);
      await db.transaction(async (tx) => {
        const now = clock.now();
        await store.setPasswordHash(tx, person.id, passwordHash);
        await store.deleteSessionsOf(tx, person.id, person.sessionHash);
        await events.recordAccessEnded(tx, { userId: person.id }, now);
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
