CREATE TABLE "alert_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"banner" integer DEFAULT 1 NOT NULL,
	"sound" integer DEFAULT 1 NOT NULL,
	"notification" integer DEFAULT 1 NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area_followers" (
	"area_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "area_followers_area_id_user_id_pk" PRIMARY KEY("area_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "alert_preferences" ADD CONSTRAINT "alert_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_followers" ADD CONSTRAINT "area_followers_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_followers" ADD CONSTRAINT "area_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_followers_user_idx" ON "area_followers" USING btree ("user_id");