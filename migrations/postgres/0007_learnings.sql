CREATE TABLE "feed_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "learning_acknowledgements" (
	"learning_id" text NOT NULL,
	"user_id" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "learning_acknowledgements_learning_id_user_id_pk" PRIMARY KEY("learning_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "learning_follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"learning_id" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner_id" text NOT NULL,
	"due_on" text NOT NULL,
	"done_at" bigint
);
--> statement-breakpoint
CREATE TABLE "learning_recurrences" (
	"learning_id" text NOT NULL,
	"problem_id" text NOT NULL,
	"linked_by_name" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "learning_recurrences_learning_id_problem_id_pk" PRIMARY KEY("learning_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "learning_revisions" (
	"learning_id" text NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"expected" text NOT NULL,
	"cause" text NOT NULL,
	"changes" text NOT NULL,
	"detection" text NOT NULL,
	"tags" text NOT NULL,
	"edited_by_name" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "learning_revisions_learning_id_revision_pk" PRIMARY KEY("learning_id","revision")
);
--> statement-breakpoint
CREATE TABLE "learnings" (
	"id" text PRIMARY KEY NOT NULL,
	"doc_id" bigint NOT NULL,
	"problem_id" text NOT NULL,
	"area_id" text NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"expected" text NOT NULL,
	"cause" text NOT NULL,
	"changes" text NOT NULL,
	"detection" text NOT NULL,
	"tags" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"suggestion_opens" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"published_at" bigint,
	CONSTRAINT "learnings_doc_id_unique" UNIQUE("doc_id"),
	CONSTRAINT "learnings_problem_id_unique" UNIQUE("problem_id")
);
--> statement-breakpoint
ALTER TABLE "feed_tokens" ADD CONSTRAINT "feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_acknowledgements" ADD CONSTRAINT "learning_acknowledgements_learning_id_learnings_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."learnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_acknowledgements" ADD CONSTRAINT "learning_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_follow_ups" ADD CONSTRAINT "learning_follow_ups_learning_id_learnings_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."learnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_follow_ups" ADD CONSTRAINT "learning_follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_recurrences" ADD CONSTRAINT "learning_recurrences_learning_id_learnings_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."learnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_recurrences" ADD CONSTRAINT "learning_recurrences_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_revisions" ADD CONSTRAINT "learning_revisions_learning_id_learnings_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."learnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learnings" ADD CONSTRAINT "learnings_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learnings" ADD CONSTRAINT "learnings_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_tokens_user_idx" ON "feed_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "learning_acknowledgements_user_idx" ON "learning_acknowledgements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "learning_follow_ups_learning_idx" ON "learning_follow_ups" USING btree ("learning_id","position");--> statement-breakpoint
CREATE INDEX "learning_follow_ups_owner_idx" ON "learning_follow_ups" USING btree ("owner_id","done_at");--> statement-breakpoint
CREATE INDEX "learnings_published_idx" ON "learnings" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "learnings_area_idx" ON "learnings" USING btree ("area_id","published_at");--> statement-breakpoint
-- Full-text search: a generated tsvector (so it follows every edit by itself) with a GIN index.
-- Title and tags weigh most, then what happened and why, then what changed and how to see it.
ALTER TABLE "learnings" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "tags"), 'A') ||
  setweight(to_tsvector('english', "summary"), 'B') || setweight(to_tsvector('english', "cause"), 'B') ||
  setweight(to_tsvector('english', "changes"), 'C') || setweight(to_tsvector('english', "detection"), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX "learnings_search_idx" ON "learnings" USING gin ("search");
