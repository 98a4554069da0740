// `npm run bench:lighthouse`: Lighthouse's mobile performance score of the board and the pull page,
// signed in, on an Andon with some open problems. Not part of `npm test`: Lighthouse is fetched by npx
// and a run takes minutes. See bench/README.md ("Lighthouse") for the method and the figures.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath } from '../tests/helpers/browser.ts';
import { setUpAdmin } from '../tests/helpers/organisation.ts';
import { createArea } from '../tests/helpers/problems.ts';
import { addBeforeWorktree, type BeforeWorktree } from './lib/before-worktree.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PROBLEMS = 30;
// Where to keep each run's full Lighthouse JSON report (to read its audits); otherwise they go with the run.
const REPORTS = process.env.LIGHTHOUSE_REPORTS;
// An older commit to measure beside this build, run for run, alternating which goes first (its web app
// and server built in a temporary worktree): the machine's load then weighs on both alike.
const BEFORE = process.env.LIGHTHOUSE_BEFORE;
const CHROME_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
].join(' ');
const PAGES = [
  { name: 'board', path: '/board' },
  { name: 'pull page', path: '/' },
];

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');

interface Audit { numericValue?: number; details?: { items?: Array<Record<string, unknown>> } }
interface Report {
  categories: { performance: { score: number } };
  audits: Record<string, Audit | undefined>;
  environment: { benchmarkIndex: number };
}

/**
 * The CPU slowdown that makes this machine stand for Lighthouse's reference phone, from the
 * benchmark index Lighthouse measured on it: the formula of Lighthouse's CPU throttling calculator
 * (linked from its docs/throttling.md). The default 4× is calibrated for a high-end desktop
 * (index about 1,500); a slower or busier machine gets less, so a phone is not simulated as slower
 * than it is.
 */
function calibratedSlowdown(benchmarkIndex: number): number {
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}

interface Measure {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** The longest main-thread task Lighthouse saw, in ms (as traced, not as simulated). */
  longestTask: number;
  /** Script evaluation plus parse and compile on the main thread, ms. */
  scriptMs: number;
  /** Lighthouse's measure of this machine's CPU at the start of the run. */
  benchmarkIndex: number;
}

function measureOf(report: Report): Measure {
  const value = (id: string) => report.audits[id]?.numericValue ?? NaN;
  const tasks = report.audits['long-tasks']?.details?.items ?? [];
  const breakdown = report.audits['mainthread-work-breakdown']?.details?.items ?? [];
  const scriptMs = breakdown
    .filter((item) => item.group === 'scriptEvaluation' || item.group === 'scriptParseCompile')
    .reduce((sum, item) => sum + Number(item.duration), 0);
  return {
    score: Math.round(report.categories.performance.score * 100),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    si: value('speed-index'),
    longestTask: Math.max(0, ...tasks.map((task) => Number(task.duration))),
    scriptMs,
    benchmarkIndex: report.environment.benchmarkIndex,
  };
}

async function expectOk(answer: Promise<Response>): Promise<void> {
  const response = await answer;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
}

async function seed(url: string): Promise<string> {
  const cookie = await setUpAdmin(url);
  const area = await createArea(url, cookie, 'Packing line');
  const headers = { 'content-type': 'application/json', origin: url, cookie };
  for (let i = 1; i <= PROBLEMS; i += 1) {
    const level = i % 7 === 0 ? 'stop' : 'help';
    const response = await fetch(`${url}/api/problems`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: `Pull ${i}: the label printer skips a line`, details: 'Seen at the second station.', level, area: area.slug }),
    });
    if (response.status !== 201) throw new Error(`pull ${i} answered ${response.status}: ${await response.text()}`);
    const { number } = (await response.json()) as { number: number };
    // A board with something in every open column, as one in use has.
    if (i % 3 !== 0) continue;
    await expectOk(fetch(`${url}/api/problems/${number}/swarm`, { method: 'POST', headers, body: '{}' }));
    if (i % 6 === 0) {
      await expectOk(fetch(`${url}/api/problems/${number}/status`, { method: 'POST', headers, body: JSON.stringify({ status: 'contained' }) }));
    }
  }
  return cookie;
}

async function lighthouse(url: string, cookie: string, outputPath: string, slowdown?: number): Promise<Measure> {
  const args = [
    '-y', LIGHTHOUSE, url,
    `--chrome-path=${chromiumPath()}`, `--chrome-flags=${CHROME_FLAGS}`,
    '--only-categories=performance', '--form-factor=mobile',
    `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
    '--output=json', `--output-path=${outputPath}`, '--quiet',
    ...(slowdown === undefined ? [] : [`--throttling.cpuSlowdownMultiplier=${slowdown.toFixed(2)}`]),
  ];
  // On a loaded machine Lighthouse now and then fails to record its trace (NO_NAVSTART): run it again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run('npx', args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
      return measureOf(JSON.parse(readFileSync(outputPath, 'utf8')) as Report);
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`  (Lighthouse failed, trying again: ${String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0]})`);
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fixed = (digits: number) => (n: number) => n.toFixed(digits);
const COLUMNS: Array<[keyof Measure, string, (n: number) => string]> = [
  ['score', 'score', fixed(0)],
  ['fcp', 'FCP ms', fixed(0)],
  ['lcp', 'LCP ms', fixed(0)],
  ['tbt', 'TBT ms', fixed(0)],
  ['cls', 'CLS', fixed(3)],
  ['si', 'SI ms', fixed(0)],
  ['longestTask', 'longest task ms', fixed(0)],
  ['scriptMs', 'script ms', fixed(0)],
  ['benchmarkIndex', 'benchmark index', fixed(0)],
];

/** An Andon to measure: this working tree's build, or an older commit's, built in a worktree of its own. */
interface Build {
  name: string;
  url: string;
  cookie: string;
  stop(): Promise<unknown>;
}

async function startBuild(name: string, root: string, dataDir: string): Promise<Build> {
  // The older commit's own helper, so its server starts as that commit's `npm start` did.
  const { startServer } = (await import(path.join(root, 'tests/helpers/server-process.ts'))) as typeof import('../tests/helpers/server-process.ts');
  mkdirSync(dataDir, { recursive: true });
  const server = await startServer({ dataDir, readyWithinMs: 180_000 });
  return { name, url: server.url, cookie: await seed(server.url), stop: () => server.stop() };
}

/** Builds the web app and the server of `commit` in a temporary worktree, as `npx vite build` and `npm start` do. */
async function buildBefore(commit: string): Promise<BeforeWorktree> {
  const worktree = addBeforeWorktree(commit);
  try {
    await run('npx', ['vite', 'build'], { cwd: worktree.dir, maxBuffer: 64 * 1024 * 1024 });
    await run(process.execPath, ['scripts/build-server.mjs'], { cwd: worktree.dir });
  } catch (error) {
    worktree.remove();
    throw error;
  }
  return worktree;
}

if (!existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
  console.error('No web build: run `npx vite build` first (Lighthouse measures what it builds).');
  process.exit(1);
}
if (REPORTS) mkdirSync(REPORTS, { recursive: true });
const workDir = mkdtempSync(path.join(os.tmpdir(), 'andon-lighthouse-'));
// Always SQLite, as `npm start` runs it.
delete process.env.DATABASE_URL;
delete process.env.ANDON_TEST_DB;
const before = BEFORE ? await buildBefore(BEFORE) : null;
process.once('exit', () => before?.remove());
const builds: Build[] = [];
try {
  builds.push(await startBuild('now', repoRoot, path.join(workDir, 'now')));
  if (before) builds.push(await startBuild(`before (${before.commit})`, before.dir, path.join(workDir, 'before')));
  console.log(`Andon (SQLite), ${PROBLEMS} open problems; ${RUNS} Lighthouse runs per page and build (${LIGHTHOUSE}, mobile), each at the default 4× CPU and at the slowdown calibrated for this machine${before ? `; the builds alternate, each round starting with the other` : ''}`);
  const rows: string[][] = [];
  for (const page of PAGES) {
    const measures = new Map(builds.map((build) => [build, { default: [] as Measure[], calibrated: [] as Measure[] }]));
    for (let i = 1; i <= RUNS; i += 1) {
      const order = i % 2 === 1 ? builds : [...builds].reverse();
      for (const build of order) {
        const tag = builds.length > 1 ? `-${build === builds[0] ? 'now' : 'before'}` : '';
        const file = (kind: string) => path.join(REPORTS ?? workDir, `lh-${page.name.replace(' ', '-')}${tag}-${i}-${kind}.json`);
        const measure = await lighthouse(`${build.url}${page.path}`, build.cookie, file('default'));
        // Right after, with the slowdown the machine measured as it started that run.
        const slowdown = calibratedSlowdown(measure.benchmarkIndex);
        const calibrated = await lighthouse(`${build.url}${page.path}`, build.cookie, file('calibrated'), slowdown);
        const load = os.loadavg()[0].toFixed(1);
        console.log(`  ${page.name} run ${i}, ${build.name}: score ${measure.score} at 4× CPU, ${calibrated.score} at ${slowdown.toFixed(1)}× (benchmark index ${measure.benchmarkIndex.toFixed(0)}); TBT ${measure.tbt.toFixed(0)} / ${calibrated.tbt.toFixed(0)} ms, LCP ${measure.lcp.toFixed(0)} / ${calibrated.lcp.toFixed(0)} ms (load average ${load} on ${os.cpus().length} cores)`);
        measures.get(build)?.default.push(measure);
        measures.get(build)?.calibrated.push(calibrated);
      }
    }
    for (const kind of ['default', 'calibrated'] as const) {
      for (const build of builds) {
        const taken = measures.get(build)?.[kind] ?? [];
        const label = `${page.name}, ${kind === 'default' ? '4× CPU' : 'calibrated CPU'}${builds.length > 1 ? `, ${build.name}` : ''}`;
        rows.push([label, ...COLUMNS.map(([key, , format]) => format(median(taken.map((m) => m[key]))))]);
      }
    }
  }
  const header = ['median of runs', ...COLUMNS.map(([, label]) => label)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
} finally {
  await Promise.all(builds.map((build) => build.stop()));
  before?.remove();
  rmSync(workDir, { recursive: true, force: true });
}
