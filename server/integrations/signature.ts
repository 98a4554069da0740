// Grafana's webhook contact point signs the body with HMAC-SHA256 (hex) when a secret is set; with a
// timestamp header configured, it signs `timestamp:body` instead, so a captured request cannot be
// replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_MS } from '../../shared/integrations.ts';

export function grafanaSignature(secret: string, body: string, timestamp?: string): string {
  return createHmac('sha256', secret).update(timestamp === undefined ? body : `${timestamp}:${body}`).digest('hex');
}

/** Why the signature is refused, or null when it is good. */
export function refuseGrafanaSignature(secret: string, body: string, signature: string | undefined, timestamp: string | undefined, now: number): string | null {
  if (!signature) return 'the X-Grafana-Alerting-Signature header is missing';
  if (timestamp !== undefined) {
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(now - seconds * 1000) > SIGNATURE_TOLERANCE_MS) return 'the signature timestamp is not within five minutes of now';
  }
  const expected = Buffer.from(grafanaSignature(secret, body, timestamp), 'hex');
  const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'the signature does not match the body';
}
