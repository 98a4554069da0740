DROP INDEX "learning_follow_ups_learning_idx";--> statement-breakpoint
DROP INDEX "problems_flow_idx";--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "response_due_at" bigint;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "escalation_step" integer;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "escalation_round" integer;--> statement-breakpoint
UPDATE problems SET response_due_at = e.response_due_at, escalation_step = e.step, escalation_round = e.round FROM problem_escalations e WHERE e.problem_id = problems.id;--> statement-breakpoint
CREATE INDEX "learnings_flow_idx" ON "learnings" USING btree ("area_id","state","published_at","id");--> statement-breakpoint
CREATE INDEX "learning_follow_ups_learning_idx" ON "learning_follow_ups" USING btree ("learning_id","position","due_on","done_at");--> statement-breakpoint
CREATE INDEX "problems_flow_idx" ON "problems" USING btree ("area_id","raised_at","level","raised_by_kind","status","first_responded_at","contained_at","resolved_at","learned_at","response_due_at","escalation_step","escalation_round","id");