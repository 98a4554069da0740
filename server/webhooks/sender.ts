import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook as Signer } from 'standardwebhooks';
import { RefusedAddressError, vetWebhookUrl, type Resolver } from './address-guard.ts';

export const WEBHOOK_TIMEOUT_MS = 15_000;
/** What is kept of a receiver's error answer, for admins to read. */
const ERROR_BODY_MAX = 300;

export interface SendSettings {
  allowPrivate: boolean;
  resolve: Resolver;
  timeoutMs: number;
}

export interface SendRequest {
  url: string;
  secret: string;
  /** The message id: the webhook-id header, the same on every retry. */
  id: string;
  body: string;
  /** When this attempt is made (the webhook-timestamp header). */
  at: number;
}

export type SendResult =
  | { kind: 'answered'; status: number; retryAfter: string | null; bodyStart: string }
  | { kind: 'failed'; error: string };

/** Standard Webhooks headers: webhook-id, webhook-timestamp, webhook-signature (v1,<HMAC-SHA256>). */
export function signedHeaders(secret: string, id: string, at: number, body: string): Record<string, string> {
  const timestamp = new Date(Math.floor(at / 1000) * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at / 1000)),
    'webhook-signature': new Signer(secret).sign(id, timestamp, body),
  };
}

/**
 * Posts one message. The host is resolved and checked on every attempt, and the connection goes to
 * the very address that was checked (the socket's lookup answers it), so a DNS answer that changes
 * between the check and the connect cannot reach an internal address. Redirects are not followed:
 * a 3xx is just an answer that is not a success.
 */
export async function sendWebhook(request: SendRequest, settings: SendSettings): Promise<SendResult> {
  let target;
  try {
    target = await vetWebhookUrl(request.url, settings.allowPrivate, settings.resolve);
  } catch (error) {
    if (error instanceof RefusedAddressError) return { kind: 'failed', error: `not contacted: ${error.message}` };
    throw error;
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Andon-Webhooks',
    ...signedHeaders(request.secret, request.id, request.at, request.body),
  };
  return new Promise<SendResult>((resolve) => {
    const req = client.request(target.url, { method: 'POST', headers, lookup: pinned, agent: false, signal: AbortSignal.timeout(settings.timeoutMs) }, (res) => {
      let bodyStart = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (bodyStart.length < ERROR_BODY_MAX) bodyStart += chunk;
      });
      const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null;
      res.on('end', () => resolve({ kind: 'answered', status: res.statusCode ?? 0, retryAfter, bodyStart: bodyStart.slice(0, ERROR_BODY_MAX) }));
      res.on('error', (error) => resolve({ kind: 'answered', status: res.statusCode ?? 0, retryAfter, bodyStart: String(error) }));
    });
    req.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve({ kind: 'failed', error: timedOut ? `no answer within ${settings.timeoutMs / 1000} s` : error.message });
    });
    req.end(request.body);
  });
}
