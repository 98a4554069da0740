import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that start Andon on localhost:3000 with data under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: null, logLevel: 'info' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('refuses webhooks to private addresses unless ANDON_WEBHOOK_ALLOW_PRIVATE=true', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
  });

  it('serves /metrics only with ANDON_METRICS_TOKEN set', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ ANDON_METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'not a url'],
    ['PUBLIC_URL', 'ftp://andon.example.com'],
    ['LOG_LEVEL', 'loud'],
    ['ANDON_SESSION_DAYS', '0'],
    ['ANDON_WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['ANDON_METRICS_TOKEN', 'short'],
    ['ANDON_METRICS_TOKEN', 'has a space in it, so no'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });
});
