import type { Queryable } from '../db/client.ts';
import type { problemEscalations } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type EscalationRow = typeof problemEscalations.$inferSelect;

// The problem row carries a copy of the due time, step and round (problems_flow_idx holds them for
// the flow measures), always in the same transaction: the pull writes it with the problem
// (problems/raise.ts), each escalation here.

export async function insertEscalation(tx: Queryable, row: EscalationRow): Promise<void> {
  await tx.run(sql`insert into problem_escalations (problem_id, response_due_at, step, round, escalated_at, next_at)
    values (${row.problemId}, ${row.responseDueAt}, ${row.step}, ${row.round}, ${row.escalatedAt}, ${row.nextAt})`);
}

export async function updateEscalation(tx: Queryable, row: EscalationRow): Promise<void> {
  await tx.run(sql`update problem_escalations set step = ${row.step}, round = ${row.round}, escalated_at = ${row.escalatedAt},
    next_at = ${row.nextAt} where problem_id = ${row.problemId}`);
  await tx.run(sql`update problems set escalation_step = ${row.step}, escalation_round = ${row.round} where id = ${row.problemId}`);
}

export function findEscalation(db: Queryable, problemId: string): Promise<EscalationRow | undefined> {
  return db.one<EscalationRow>(sql`select * from problem_escalations where problem_id = ${problemId}`);
}

export async function listEscalations(db: Queryable, problemIds: readonly string[]): Promise<Map<string, EscalationRow>> {
  if (problemIds.length === 0) return new Map();
  const rows = await db.all<EscalationRow>(sql`select * from problem_escalations where problem_id in (${sql.join(problemIds)})`);
  return new Map(rows.map((row) => [row.problemId, row]));
}
