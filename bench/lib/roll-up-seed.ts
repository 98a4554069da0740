import type { AnyDatabase } from '../../server/db/open.ts';
import { rollUpMarkedDays } from '../../server/flow/rollup/job.ts';

// A seed's history goes in straight, marking every day. It is rolled up as the job would have over
// the years, in bigger transactions than the job's (nothing else writes while a bench seeds).
const SEED_DAYS_PER_RUN = 100;

export async function rollUpSeed(db: AnyDatabase): Promise<void> {
  while ((await db.transaction((tx) => rollUpMarkedDays(tx, SEED_DAYS_PER_RUN))) > 0);
}
