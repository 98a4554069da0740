CREATE TABLE "integrations" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"stop_severities" text NOT NULL,
	"auto_resolve" integer DEFAULT 1 NOT NULL,
	"hmac_secret" text,
	"created_at" bigint NOT NULL,
	"token_rotated_at" bigint,
	"last_received_at" bigint,
	CONSTRAINT "integrations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "problem_alerts" (
	"problem_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "problem_alerts_problem_id_fingerprint_pk" PRIMARY KEY("problem_id","fingerprint")
);
--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "dedup_key" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "recurrence_of_number" integer;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "firing_alerts" integer;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_alerts" ADD CONSTRAINT "problem_alerts_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrations_area_idx" ON "integrations" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "problems_dedup_idx" ON "problems" USING btree ("area_id","dedup_key","number");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_open_dedup_idx" ON "problems" USING btree ("area_id","dedup_key") WHERE dedup_key is not null and status in ('raised', 'swarming', 'contained');