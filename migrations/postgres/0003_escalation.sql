CREATE TABLE "area_responders" (
	"area_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "area_responders_area_id_user_id_pk" PRIMARY KEY("area_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "escalation_step_members" (
	"area_id" text NOT NULL,
	"position" integer NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "escalation_step_members_area_id_position_user_id_pk" PRIMARY KEY("area_id","position","user_id")
);
--> statement-breakpoint
CREATE TABLE "escalation_steps" (
	"area_id" text NOT NULL,
	"position" integer NOT NULL,
	"wait_minutes" integer NOT NULL,
	CONSTRAINT "escalation_steps_area_id_position_pk" PRIMARY KEY("area_id","position")
);
--> statement-breakpoint
CREATE TABLE "problem_escalations" (
	"problem_id" text PRIMARY KEY NOT NULL,
	"response_due_at" bigint NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"escalated_at" bigint,
	"next_at" bigint
);
--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "escalation_repeat" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "area_responders" ADD CONSTRAINT "area_responders_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_responders" ADD CONSTRAINT "area_responders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_step_members" ADD CONSTRAINT "escalation_step_members_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_step_members" ADD CONSTRAINT "escalation_step_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_escalations" ADD CONSTRAINT "problem_escalations_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;