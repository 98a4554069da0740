import type { Integration } from '../../shared/integrations.ts';
import type { IntegrationWithArea } from './store.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Where an integration's monitor posts to. */
export function notifyUrl(publicBase: string, id: string): string {
  return `${publicBase}/api/integrations/${id}/notify`;
}

export function presentIntegration(row: IntegrationWithArea, publicBase: string): Integration {
  return {
    id: row.id,
    area: row.areaSlug,
    kind: row.kind,
    name: row.name,
    url: notifyUrl(publicBase, row.id),
    stopSeverities: JSON.parse(row.stopSeverities) as string[],
    autoResolve: row.autoResolve === 1,
    signed: row.hmacSecret !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    tokenRotatedAt: iso(row.tokenRotatedAt),
    lastReceivedAt: iso(row.lastReceivedAt),
  };
}
