import type { Problem } from '../../shared/problems.ts';
import type { Queryable } from '../db/client.ts';
import { findEscalation, listEscalations } from '../escalation/store.ts';
import { listSwarmMembers } from '../swarm/store.ts';
import { presentProblem } from './presenter.ts';
import * as store from './store.ts';

/** A problem as the API answers it, read back whole (history, swarm and escalation) after any change. */
export async function loadProblem(db: Queryable, number: number): Promise<Problem | undefined> {
  const row = await store.findProblemByNumber(db, number);
  return row && presentProblem(row, await store.listStatusChanges(db, [row.id]), await listSwarmMembers(db, [row.id]), await findEscalation(db, row.id));
}

/** A problem that the caller's transaction holds locked or has just written: it is there. */
export async function loadLockedProblem(tx: Queryable, number: number): Promise<Problem> {
  const problem = await loadProblem(tx, number);
  if (!problem) throw new Error(`problem #${number} is missing inside the transaction that holds it`);
  return problem;
}

/** Many problems, four queries whatever their number. */
export async function presentProblems(db: Queryable, rows: store.ProblemWithArea[]): Promise<Problem[]> {
  const ids = rows.map((r) => r.id);
  const histories = groupBy(await store.listStatusChanges(db, ids));
  const swarms = groupBy(await listSwarmMembers(db, ids));
  const escalations = await listEscalations(db, ids);
  return rows.map((row) => presentProblem(row, histories.get(row.id) ?? [], swarms.get(row.id) ?? [], escalations.get(row.id)));
}

function groupBy<T extends { problemId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.problemId, [...(groups.get(row.problemId) ?? []), row]);
  return groups;
}
