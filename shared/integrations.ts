// Integrations: how a machine pulls into an area. The shapes of the integrations themselves (admin
// routes) and of the notifications they receive (Alertmanager webhook v4, Grafana's webhook contact
// point, and a generic JSON body for scripts).
import { Type, type Static } from 'typebox';
import { DEDUP_KEY_MAX, DETAILS_MAX, NAME_MAX, TITLE_MAX } from './limits.ts';
import { literalUnion } from './literal-union.ts';
import { Level } from './problems.ts';
import { INTEGRATION_KINDS } from './values/integrations.ts';
export * from './values/integrations.ts';

export const IntegrationKind = literalUnion(INTEGRATION_KINDS, {
  description: 'alertmanager: Prometheus Alertmanager webhook_configs. grafana: a Grafana webhook contact point. generic: a small JSON body for scripts.',
});
export type IntegrationKind = Static<typeof IntegrationKind>;

export const SEVERITY_MAX = 50;
export const HMAC_SECRET_MAX = 500;
/** The severities that make a Stop pull unless an admin says otherwise. */
export const STOP_SEVERITIES_DEFAULT = ['critical'];
/** How far a Grafana signature timestamp may be from now: beyond it the request may be a replay. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;
export const GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';
export const GRAFANA_TIMESTAMP_HEADER = 'x-grafana-alerting-timestamp';

const Severity = Type.String({ minLength: 1, maxLength: SEVERITY_MAX });

export const Integration = Type.Object({
  id: Type.String(),
  area: Type.String({ description: "The area's slug" }),
  kind: IntegrationKind,
  name: Type.String({ description: 'Who the problems it raises say raised them' }),
  url: Type.String({ description: 'Where the monitor posts its notifications' }),
  stopSeverities: Type.Array(Type.String(), { description: 'An alert with one of these `severity` labels pulls Stop; any other, Help' }),
  autoResolve: Type.Boolean({ description: 'Resolve the problem when all its alerts resolved and nobody has joined its swarm' }),
  signed: Type.Boolean({ description: 'Grafana: requests must carry a valid HMAC signature' }),
  createdAt: Type.String({ format: 'date-time' }),
  tokenRotatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastReceivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Integration = Static<typeof Integration>;

export const CreatedIntegration = Type.Intersect([
  Integration,
  Type.Object({ token: Type.String({ description: 'The bearer token: answered this once only; only its hash is kept' }) }),
]);
export type CreatedIntegration = Static<typeof CreatedIntegration>;

export const IntegrationList = Type.Object({ items: Type.Array(Integration) });
export type IntegrationList = Static<typeof IntegrationList>;

const IntegrationSettings = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX })),
  stopSeverities: Type.Optional(Type.Array(Severity, { maxItems: 20, uniqueItems: true })),
  autoResolve: Type.Optional(Type.Boolean()),
  hmacSecret: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: HMAC_SECRET_MAX }), Type.Null()], {
    description: 'grafana only: the HMAC signature secret set on the contact point; null turns checking off',
  })),
};

export const CreateIntegrationBody = Type.Object({ kind: IntegrationKind, ...IntegrationSettings }, { additionalProperties: false });
export type CreateIntegrationBody = Static<typeof CreateIntegrationBody>;

export const UpdateIntegrationBody = Type.Object(IntegrationSettings, { additionalProperties: false, minProperties: 1 });
export type UpdateIntegrationBody = Static<typeof UpdateIntegrationBody>;

export const IntegrationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** What a notification did: the problem it raised or updated, if any. */
export const NotificationResult = Type.Object({
  outcome: literalUnion(['raised', 'updated', 'unchanged', 'ignored'] as const, {
    description: 'ignored: nothing to raise: a resolved notification for a group with no open problem, or a re-send of alerts ' +
      'still firing on the problem people closed (problemNumber names it); a problem is raised when an alert fires anew',
  }),
  problemNumber: Type.Union([Type.Integer(), Type.Null()]),
  firingAlerts: Type.Integer(),
});
export type NotificationResult = Static<typeof NotificationResult>;

const Labels = Type.Record(Type.String(), Type.String());
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
const AlertStatus = literalUnion(ALERT_STATUSES);

// Alertmanager may add fields in later versions: unknown ones are accepted and ignored.
const alertFields = {
  status: AlertStatus,
  labels: Labels,
  annotations: Labels,
  startsAt: Type.String(),
  endsAt: Type.String(),
  generatorURL: Type.String(),
  fingerprint: Type.String({ minLength: 1, maxLength: 200 }),
};
const groupFields = {
  receiver: Type.String(),
  status: AlertStatus,
  groupLabels: Labels,
  commonLabels: Labels,
  commonAnnotations: Labels,
  externalURL: Type.String(),
  groupKey: Type.String({ minLength: 1, description: `Any length: one longer than ${String(DEDUP_KEY_MAX)} characters is kept as its sha256 digest` }),
  truncatedAlerts: Type.Optional(Type.Integer({ minimum: 0 })),
};

export const AlertmanagerAlert = Type.Object(alertFields);
export type AlertmanagerAlert = Static<typeof AlertmanagerAlert>;

/** Prometheus Alertmanager's webhook payload, version 4. */
export const AlertmanagerNotification = Type.Object({
  version: Type.Literal('4'),
  ...groupFields,
  alerts: Type.Array(AlertmanagerAlert, { minItems: 1 }),
});
export type AlertmanagerNotification = Static<typeof AlertmanagerNotification>;

/** Grafana's webhook contact point: the same group fields, plus its own. */
export const GrafanaNotification = Type.Object({
  ...groupFields,
  title: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  orgId: Type.Optional(Type.Integer()),
  alerts: Type.Array(Type.Object({
    ...alertFields,
    silenceURL: Type.Optional(Type.String()),
    dashboardURL: Type.Optional(Type.String()),
    panelURL: Type.Optional(Type.String()),
    values: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()])),
  }), { minItems: 1 }),
});
export type GrafanaNotification = Static<typeof GrafanaNotification>;

/** For scripts and other monitors. */
export const GenericNotification = Type.Object({
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  details: Type.Optional(Type.String({ maxLength: DETAILS_MAX })),
  level: Type.Optional(Level),
  dedupKey: Type.Optional(Type.String({ minLength: 1, maxLength: DEDUP_KEY_MAX, description: 'One open problem per key: later notifications with it update that problem' })),
  status: Type.Optional(AlertStatus),
}, { additionalProperties: false });
export type GenericNotification = Static<typeof GenericNotification>;
