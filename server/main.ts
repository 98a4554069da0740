import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { startMaintenance } from './maintenance.ts';

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
mkdirSync(config.dataDir, { recursive: true });
const db = openDatabase(path.join(config.dataDir, 'andon.sqlite'));
migrateDatabase(db);

const app = await buildApp({ config, db, logger: { level: config.logLevel } });
const maintenance = startMaintenance(db, app.log);

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
  maintenance.stop();
  const closed = app.close();
  // Fastify closes the sockets that are idle when the close begins. A request already in its handler
  // answers on a keep-alive socket afterwards, which would hold the close open until the client hangs up.
  const reapIdle = setInterval(() => app.server.closeIdleConnections(), 50);
  await closed;
  clearInterval(reapIdle);
  db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'could not listen');
  db.close();
  process.exit(1);
}
