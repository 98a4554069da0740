// Runs first in `npm test`: the browser tests need Chromium, the PostgreSQL tests a server to start,
// the Alertmanager test a real Prometheus Alertmanager and the metrics test promtool.
// A missing one is installed (as root) or named with its install command; a test is never skipped for it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

// The same places tests/helpers/browser.ts and tests/helpers/postgres.ts look.
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const POSTGRES_ROOT = '/usr/lib/postgresql';
// tests/helpers/alertmanager.ts looks here too; ALERTMANAGER_PATH points at another.
const ALERTMANAGER = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

function hasChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  return CHROMIUM_CANDIDATES.some((candidate) => existsSync(candidate));
}

function hasPostgresServer() {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'initdb'));
  if (!existsSync(POSTGRES_ROOT)) return false;
  return readdirSync(POSTGRES_ROOT).some((version) => existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'initdb')));
}

// promtool (Debian's prometheus package) checks the /metrics exposition with Prometheus's own parser.
const hasPromtool = () => spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

const missingPackages = () => [
  ...(hasChromium() ? [] : ['chromium']),
  ...(hasPostgresServer() ? [] : ['postgresql']),
  ...(existsSync(ALERTMANAGER) ? [] : ['prometheus-alertmanager']),
  ...(hasPromtool() ? [] : ['prometheus']),
];

function apt(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

const missing = missingPackages();
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`test prerequisites missing: ${missing.join(', ')}. Install them with:\n  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`test prerequisites: installing ${missing.join(' ')} with apt-get`);
  // Waiting for the dpkg lock rather than failing, in case another apt run holds it.
  if (!apt(['update']) || !apt(['install', '-y', '-o', 'DPkg::Lock::Timeout=300', ...missing])) {
    console.error(`test prerequisites: apt-get install -y ${missing.join(' ')} failed`);
    process.exit(1);
  }
  const stillMissing = missingPackages();
  if (stillMissing.length > 0) {
    console.error(`test prerequisites: still missing after install: ${stillMissing.join(', ')} (check CHROMIUM_PATH / PG_BIN / ALERTMANAGER_PATH)`);
    process.exit(1);
  }
}
