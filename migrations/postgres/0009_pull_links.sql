CREATE TABLE "pull_links" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"area_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_pulled_at" bigint,
	"revoked_at" bigint,
	CONSTRAINT "pull_links_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "pull_links" ADD CONSTRAINT "pull_links_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pull_links" ADD CONSTRAINT "pull_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pull_links_area_idx" ON "pull_links" USING btree ("area_id");