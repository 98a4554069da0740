ALTER TABLE "problems" ADD COLUMN "contained_at" bigint;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "resolved_at" bigint;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "learned_at" bigint;--> statement-breakpoint
CREATE INDEX "problems_raised_idx" ON "problems" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "problems_area_raised_idx" ON "problems" USING btree ("area_id","raised_at");--> statement-breakpoint
-- Problems pulled before these columns existed: their milestones from the recorded status changes.
UPDATE problems SET
  contained_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status IN ('contained', 'resolved', 'learned')),
  resolved_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status IN ('resolved', 'learned')),
  learned_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status = 'learned');
