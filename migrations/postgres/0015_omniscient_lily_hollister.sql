DROP INDEX "learning_follow_ups_learning_idx";--> statement-breakpoint
CREATE INDEX "learnings_flow_idx" ON "learnings" USING btree ("area_id","state","published_at","id");--> statement-breakpoint
CREATE INDEX "learning_follow_ups_learning_idx" ON "learning_follow_ups" USING btree ("learning_id","position","due_on","done_at");