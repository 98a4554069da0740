CREATE TABLE "problem_presence" (
	"problem_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"seen_at" bigint NOT NULL,
	CONSTRAINT "problem_presence_problem_id_user_id_pk" PRIMARY KEY("problem_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "swarm_members" (
	"problem_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"joined_at" bigint NOT NULL,
	CONSTRAINT "swarm_members_problem_id_user_id_pk" PRIMARY KEY("problem_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "timeline_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timeline_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" text NOT NULL,
	"body" text NOT NULL,
	"written_at" bigint NOT NULL,
	"replaced_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "first_responded_at" bigint;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "lead_user_id" text;--> statement-breakpoint
ALTER TABLE "problem_presence" ADD CONSTRAINT "problem_presence_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swarm_members" ADD CONSTRAINT "swarm_members_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_revisions" ADD CONSTRAINT "timeline_revisions_entry_id_timeline_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."timeline_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_presence_seen_idx" ON "problem_presence" USING btree ("problem_id","seen_at");--> statement-breakpoint
CREATE INDEX "timeline_revisions_entry_idx" ON "timeline_revisions" USING btree ("entry_id","id");