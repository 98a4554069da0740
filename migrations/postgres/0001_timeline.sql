CREATE TABLE "timeline_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"problem_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"author_kind" text,
	"author_id" text,
	"author_name" text,
	"created_at" bigint NOT NULL,
	"edited_at" bigint,
	"verdict" text,
	"evidence_id" text
);
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timeline_entries_problem_idx" ON "timeline_entries" USING btree ("problem_id","created_at");