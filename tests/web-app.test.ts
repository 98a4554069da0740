import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(response.json().error.code).toBe('not_found');
  });

  it('serves hashed bundles with a long cache and the page itself without one', async () => {
    const page = await t.app.inject({ url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /\/assets\/[^"]+\.js/.exec(page.body)![0];
    const bundle = await t.app.inject({ url: script });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['cache-control']).toContain('immutable');
  });
});
