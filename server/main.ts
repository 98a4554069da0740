import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrateDatabase } from './db/migrate.ts';
import { openConfiguredDatabase, type AnyDatabase } from './db/open.ts';
import { redactedDatabaseUrl } from './db/redact.ts';

const SHUTDOWN_DEADLINE_MS = 9_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`andon: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();

// The database opens before the app (and its logger) exists; its failures are logged by the app once it does.
let logDatabaseError = (error: unknown, message: string) => console.error(`andon: ${message}`, error);

async function openDatabase(): Promise<AnyDatabase> {
  try {
    const db = await openConfiguredDatabase(config, (error, message) => logDatabaseError(error, message));
    await migrateDatabase(db);
    return db;
  } catch (error) {
    if (!config.databaseUrl) throw error;
    // One line that names the setting, without the password it holds.
    console.error(`andon: DATABASE_URL (${redactedDatabaseUrl(config.databaseUrl)}) cannot be used: ${(error as Error).message}`);
    process.exit(1);
  }
}

const db = await openDatabase();
const app = await buildApp({ config, db, logger: { level: config.logLevel } });
logDatabaseError = (error, message) => app.log.error({ err: error }, message);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  // If something hangs, still exit well inside a supervisor's usual 10 s grace period.
  setTimeout(() => {
    app.log.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  const closed = app.close();
  // Fastify closes the sockets that are idle when the close begins. A request already in its handler
  // answers on a keep-alive socket afterwards, which would hold the close open until the client hangs up.
  const reapIdle = setInterval(() => app.server.closeIdleConnections(), 50);
  await closed;
  clearInterval(reapIdle);
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'could not listen');
  await db.close();
  process.exit(1);
}
