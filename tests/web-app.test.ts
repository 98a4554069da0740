import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

// Needs the web build, which `npm test` makes before running the tests.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('serving the web app', () => {
  it('answers every page path with the app, so links to /board or /problems/7 work', async () => {
    for (const url of ['/', '/board?area=general', '/problems/7', '/settings']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('answers unknown /api paths with a JSON 404, signed in or not', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorBody>().error.code).toBe('not_found');
  });

  it('serves hashed bundles with a long cache and the page itself without one', async () => {
    const page = await t.app.inject({ url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /\/assets\/[^"]+\.js/.exec(page.body)![0];
    const bundle = await t.app.inject({ url: script });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the script and the API answers compressed, in brotli or gzip as the browser asks', async () => {
    const page = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.headers['content-encoding']).toBe('br');
    const script = /\/assets\/[^"]+\.js/.exec(brotliDecompressSync(page.rawPayload).toString())![0];
    const plain = await t.app.inject({ url: script });
    expect(plain.headers['content-encoding']).toBeUndefined();

    const brotli = await t.app.inject({ url: script, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gzip = await t.app.inject({ url: script, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);

    const openapi = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(openapi.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(openapi.rawPayload).toString())).toHaveProperty('openapi');
  });

  it('forbids framing and foreign scripts, and keeps a plain-http install on http', async () => {
    for (const url of ['/', '/api/me', '/api/docs']) {
      const response = await t.app.inject({ url });
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toMatch(/script-src 'self'[^;]*;/);
      expect(csp, url).not.toMatch(/script-src[^;]*(unsafe-inline|\*)/);
    }
    const page = await t.app.inject({ url: '/' });
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('asks browsers to stay on https when Andon is served over https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://andon.example.com' });
    try {
      const page = await secure.app.inject({ url: '/' });
      expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(page.headers['strict-transport-security']).toContain('max-age=31536000');
    } finally {
      await secure.close();
    }
  });
});
