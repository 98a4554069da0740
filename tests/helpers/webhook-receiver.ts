import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { buildApp, type AppOptions } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import type { Area } from '../../shared/areas.ts';
import type { Problem } from '../../shared/problems.ts';
import type { CreatedWebhook } from '../../shared/webhooks.ts';
import { ORIGIN, TEST_PASSWORD_COST, type Caller, type TestClock } from './app.ts';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A chat server or JSON receiver on 127.0.0.1, started by the test. `answer` is called for the n-th
 * request (0-based); leaving the response unanswered plays a receiver that hangs.
 */
export async function startReceiver(answer: (n: number, res: http.ServerResponse) => void = (_n, res) => res.end('ok')) {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      answer(requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * An app like createTestApp's on a given database, so a test can restart it or run two on one
 * database. Webhook tests send to a receiver on 127.0.0.1, which only ANDON_WEBHOOK_ALLOW_PRIVATE
 * allows; the tests of the guard itself leave it off.
 */
export async function webhookApp(db: Database, clock: TestClock, env: Record<string, string> = { ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' }, sending?: AppOptions['webhookSending']) {
  const config = loadConfig({ PUBLIC_URL: ORIGIN, ANDON_AUTH_RATE_LIMIT: '1000', ...env });
  const app = await buildApp({ config, db, clock, runJobs: false, webhookSending: sending, passwordCost: TEST_PASSWORD_COST });
  await app.ready();
  return app;
}

export async function createAreaWithWebhook(admin: Caller, format: string, url: string) {
  const area = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: `Line ${Math.random().toString(36).slice(2, 8)}` } });
  if (area.statusCode !== 201) throw new Error(`area: ${area.body}`);
  const slug = area.json<Area>().slug;
  const webhook = await admin.request({ method: 'POST', url: `/api/areas/${slug}/webhooks`, payload: { format, url } });
  if (webhook.statusCode !== 201) throw new Error(`webhook: ${webhook.statusCode} ${webhook.body}`);
  return { slug, areaName: area.json<Area>().name, webhook: webhook.json<CreatedWebhook>() };
}

export async function pull(admin: Caller, area: string, title: string, level: 'help' | 'stop' = 'help') {
  const response = await admin.request({ method: 'POST', url: '/api/problems', payload: { title, area, level } });
  if (response.statusCode !== 201) throw new Error(`pull: ${response.statusCode} ${response.body}`);
  return response.json<Problem>();
}

/** Verifies a request as a receiver whose clock reads `now` would (the test clock runs ahead of real time). */
export function verifySignature(secret: string, request: ReceivedRequest, now: number): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  try {
    return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}
