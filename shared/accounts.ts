import { Type, type Static } from 'typebox';
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from './limits.ts';
import { literalUnion } from './literal-union.ts';
import { ACTOR_KINDS, ROLES } from './values/accounts.ts';
export * from './values/accounts.ts';

export const Role = literalUnion(ROLES);
export type Role = Static<typeof Role>;

export const ActorKind = literalUnion(ACTOR_KINDS);
export type ActorKind = Static<typeof ActorKind>;

const Email = Type.String({ format: 'email', maxLength: EMAIL_MAX });
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
const PersonName = Type.String({ minLength: 1, maxLength: NAME_MAX });

export const User = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

export const Me = Type.Union([
  Type.Object({ kind: Type.Literal('user'), user: User }),
  Type.Object({
    kind: Type.Literal('token'),
    token: Type.Object({ id: Type.String(), name: Type.String() }),
  }),
]);
export type Me = Static<typeof Me>;

export const SetupBody = Type.Object(
  { name: PersonName, email: Email, password: Password },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;

export const SetupStatus = Type.Object({ needed: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;

export const SignInBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const CreateInviteBody = Type.Object(
  { email: Type.Optional(Email), role: Type.Optional(Role) },
  { additionalProperties: false },
);
export type CreateInviteBody = Static<typeof CreateInviteBody>;

export const Invite = Type.Object({
  code: Type.String(),
  link: Type.String({ description: 'The single-use link to give the invited person' }),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Invite = Static<typeof Invite>;

export const InviteParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }) });

export const InviteInfo = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  expiresAt: Type.String({ format: 'date-time' }),
});
export type InviteInfo = Static<typeof InviteInfo>;

export const AcceptInviteBody = Type.Object(
  { name: PersonName, password: Password, email: Type.Optional(Email) },
  { additionalProperties: false },
);
export type AcceptInviteBody = Static<typeof AcceptInviteBody>;

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: NAME_MAX }) },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

export const CreatedApiToken = Type.Object({
  ...ApiToken.properties,
  token: Type.String({ description: 'Shown once; only its hash is stored' }),
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
export type ApiTokenList = Static<typeof ApiTokenList>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
