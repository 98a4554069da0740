// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, with one
// webhook receiver, for tests that watch it notify Andon.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, tempDataDir } from './server-process.ts';

export const ALERTMANAGER_PATH = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager {
  url: string;
  /** Posts alerts to its v2 API, as Prometheus does. */
  postAlerts(alerts: object[]): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts Alertmanager with a route that groups by alertname and cluster and notifies quickly, its
 * receiver being `webhookUrl` with `token` as bearer credentials: the snippet Settings shows.
 */
export async function startAlertmanager(webhookUrl: string, token: string): Promise<RunningAlertmanager> {
  const data = tempDataDir();
  const port = await freePort();
  const config = {
    route: { receiver: 'andon', group_by: ['alertname', 'cluster'], group_wait: '1s', group_interval: '2s', repeat_interval: '1h' },
    receivers: [{ name: 'andon', webhook_configs: [{ url: webhookUrl, send_resolved: true, http_config: { authorization: { credentials: token } } }] }],
  };
  // YAML is a superset of JSON.
  const configFile = path.join(data.dir, 'alertmanager.yml');
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(ALERTMANAGER_PATH, [
    `--config.file=${configFile}`, `--storage.path=${data.dir}`, `--web.listen-address=127.0.0.1:${port}`,
    // No cluster: a lone instance, gossiping to nobody.
    '--cluster.listen-address=',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited before answering:\n${output}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`alertmanager did not get ready within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`);
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      data.remove();
    },
  };
}
