// Runs before `npm start`: a fresh clone has no web build yet, so build it once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/web/index.html', import.meta.url))) {
  console.log('andon: building the web app (first start only)…');
  const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
