import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… to run on PostgreSQL (several instances may share it); null for SQLite in `dataDir`. */
  databaseUrl: URL | null;
  /** Connections each instance keeps to PostgreSQL at most. */
  databasePoolSize: number;
  /** Origin users reach Andon at; null means "the request's own host". */
  publicUrl: URL | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionDays: number;
  inviteHours: number;
  authRateLimitPerMinute: number;
  /** Pulls per minute through one pull link, and from one address through any pull link: a stuck kiosk cannot flood the board. */
  pullLinkRateLimit: { perLink: number; perAddress: number };
  /** Lets webhooks reach private and loopback addresses (a chat server on the same network); never link-local. */
  webhookAllowPrivate: boolean;
  /** The bearer token Prometheus scrapes `/metrics` with; null: `/metrics` is not served at all. */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function boolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** A guessable token would open the metrics to anyone: ask for one worth the name. */
function metricsToken(env: NodeJS.ProcessEnv): string | null {
  const raw = env.ANDON_METRICS_TOKEN;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError('ANDON_METRICS_TOKEN must be at least 16 characters, without spaces');
  }
  return raw;
}

/** Reads every setting once; documented in the README's settings table. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const host = env.HOST || '127.0.0.1';

  let publicUrl: URL | null = null;
  if (env.PUBLIC_URL) {
    try {
      publicUrl = new URL(env.PUBLIC_URL);
    } catch {
      throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got "${env.PUBLIC_URL}"`);
    }
    if (publicUrl.protocol !== 'http:' && publicUrl.protocol !== 'https:') {
      throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got "${env.PUBLIC_URL}"`);
    }
  }

  let databaseUrl: URL | null = null;
  if (env.DATABASE_URL) {
    const invalid = () => new ConfigError('DATABASE_URL must be a postgres://user:password@host:port/database URL');
    try {
      databaseUrl = new URL(env.DATABASE_URL);
    } catch {
      // Never echo the value: it holds the database password.
      throw invalid();
    }
    if (!['postgres:', 'postgresql:'].includes(databaseUrl.protocol) || !databaseUrl.hostname || databaseUrl.pathname.length < 2) throw invalid();
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  return {
    port,
    host,
    dataDir: path.resolve(env.ANDON_DATA_DIR || './data'),
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1_000),
    publicUrl,
    logLevel,
    sessionDays: integer(env, 'ANDON_SESSION_DAYS', 30, 1, 365),
    inviteHours: integer(env, 'ANDON_INVITE_HOURS', 72, 1, 24 * 90),
    authRateLimitPerMinute: integer(env, 'ANDON_AUTH_RATE_LIMIT', 10, 1, 10_000),
    pullLinkRateLimit: {
      perLink: integer(env, 'ANDON_PULL_LINK_RATE_LIMIT', 10, 1, 10_000),
      perAddress: integer(env, 'ANDON_PULL_ADDRESS_RATE_LIMIT', 30, 1, 10_000),
    },
    webhookAllowPrivate: boolean(env, 'ANDON_WEBHOOK_ALLOW_PRIVATE'),
    metricsToken: metricsToken(env),
  };
}
