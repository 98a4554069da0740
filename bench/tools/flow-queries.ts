// Times each query of GET /api/flow on a SQLite database seeded like the bench's flow phase:
// node --import tsx bench/tools/flow-queries.ts [problems] [keep]
import { rmSync } from 'node:fs';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { seed } from '../../bench/phases/flow.ts';
import * as store from '../../server/flow/store.ts';
import * as ls from '../../server/flow/learnings/store.ts';
import { DISMISS_WORDING } from '../../server/problems/status-change.ts';

const file = process.env.FLOW_PROFILE_DB ?? 'flow-profile.sqlite';
const n = Number(process.argv[2] ?? 10000);
const fresh = process.argv[3] !== 'keep';
if (fresh) rmSync(file, { force: true });
const db = openSqlite(file);
await migrateDatabase(db);
const now = 1796000000000;
if (fresh) await seed(db, n, now);
const period = { from: now - 90 * 86400000, to: now, areaId: null };
const fns: Record<string, () => Promise<unknown>> = {
  pulls: () => store.countPulls(db, period, 7 * 86400000),
  spans: () => store.spanPercentiles(db, period),
  buckets: () => store.spansAgainstTarget(db, period, now),
  outcomes: () => store.countOutcomes(db, period),
  steps: () => store.countEscalationSteps(db, period),
  reasons: () => store.countDismissReasons(db, period, DISMISS_WORDING),
  recurrences: () => ls.countRecurrencesByLearning(db, period),
  recurring: () => ls.countRecurringProblems(db, period),
  suggestions: () => ls.countSuggestions(db, period),
  spread: () => ls.countSpread(db, period),
  followUps: () => ls.countFollowUps(db, period, '2026-12-01'),
};
for (const [name, fn] of Object.entries(fns)) {
  await fn();
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < 5; i++) await fn();
  const used = process.cpuUsage(cpu);
  // CPU time as well as wall time: on a shared machine the wall time is mostly waiting for a core.
  console.log(name.padEnd(12), 'wall', ((performance.now() - t) / 5).toFixed(1), 'ms, cpu', ((used.user + used.system) / 5000).toFixed(1), 'ms');
}
await db.close();
