// Managing the people of an Andon (admins), and each person's own account.
import { Type, type Static } from 'typebox';
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from './limits.ts';
import { Role } from './accounts.ts';

const When = Type.String({ format: 'date-time' });
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });

/** How long a password-reset link made by an admin stays usable. */
export const PASSWORD_RESET_HOURS = 24;

export const Member = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Role,
  createdAt: When,
  lastSignInAt: Type.Union([When, Type.Null()]),
  /** Set while the account is deactivated: they cannot sign in; what they did stays. */
  deactivatedAt: Type.Union([When, Type.Null()]),
});
export type Member = Static<typeof Member>;

export const MemberList = Type.Object({ items: Type.Array(Member) });
export type MemberList = Static<typeof MemberList>;

export const UpdateMemberBody = Type.Object(
  {
    role: Type.Optional(Role),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates (sessions and their API tokens end at once); true reactivates' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;

export const PendingInvite = Type.Object({
  id: Type.String({ description: 'Names the invite for revoking; it is not the code' }),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  createdAt: When,
  expiresAt: When,
  createdByName: Type.String(),
});
export type PendingInvite = Static<typeof PendingInvite>;

export const PendingInviteList = Type.Object({ items: Type.Array(PendingInvite) });
export type PendingInviteList = Static<typeof PendingInviteList>;

export const UpdateMeBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: NAME_MAX }) },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const PasswordResetLink = Type.Object({
  link: Type.String({ description: 'Shown this once: give it to the person; only its hash is kept' }),
  expiresAt: When,
});
export type PasswordResetLink = Static<typeof PasswordResetLink>;

export const PasswordResetParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }) });

export const PasswordResetInfo = Type.Object({ name: Type.String(), email: Type.String(), expiresAt: When });
export type PasswordResetInfo = Static<typeof PasswordResetInfo>;

export const UsePasswordResetBody = Type.Object({ password: Password }, { additionalProperties: false });
export type UsePasswordResetBody = Static<typeof UsePasswordResetBody>;
