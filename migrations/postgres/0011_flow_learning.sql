CREATE TABLE "learning_suggestion_views" (
	"learning_id" text NOT NULL,
	"user_id" text NOT NULL,
	"day" bigint NOT NULL,
	"shown_at" bigint NOT NULL,
	"opened_at" bigint,
	CONSTRAINT "learning_suggestion_views_learning_id_user_id_day_pk" PRIMARY KEY("learning_id","user_id","day")
);
--> statement-breakpoint
DROP INDEX "problems_raised_idx";--> statement-breakpoint
ALTER TABLE "learning_suggestion_views" ADD CONSTRAINT "learning_suggestion_views_learning_id_learnings_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."learnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_suggestion_views" ADD CONSTRAINT "learning_suggestion_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_suggestion_views_shown_idx" ON "learning_suggestion_views" USING btree ("shown_at");--> statement-breakpoint
CREATE INDEX "learning_recurrences_problem_idx" ON "learning_recurrences" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_escalations_flow_idx" ON "problem_escalations" USING btree ("problem_id","response_due_at","step","round");--> statement-breakpoint
CREATE INDEX "problems_flow_idx" ON "problems" USING btree ("raised_at","area_id","level","raised_by_kind","status","first_responded_at","contained_at","resolved_at","learned_at");--> statement-breakpoint
CREATE INDEX "timeline_entries_joined_idx" ON "timeline_entries" USING btree ("author_id","problem_id") WHERE kind = 'joined' and author_kind = 'user';