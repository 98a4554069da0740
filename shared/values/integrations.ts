// What the browser needs of this capability at run time, free of TypeBox: its schemas (../integrations.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import type { IntegrationKind } from '../integrations.ts';

export const INTEGRATION_KINDS = ['alertmanager', 'grafana', 'generic'] as const;

/** What an integration names itself as on the problems it raises, until an admin renames it. */
export const INTEGRATION_DEFAULT_NAMES: Readonly<Record<IntegrationKind, string>> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  generic: 'Generic integration',
};
