CREATE TABLE "flow_day_marks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flow_day_marks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"area_id" text NOT NULL,
	"day" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_days" (
	"area_id" text NOT NULL,
	"day" bigint NOT NULL,
	"figures" text NOT NULL,
	CONSTRAINT "flow_days_area_id_day_pk" PRIMARY KEY("area_id","day")
);
--> statement-breakpoint
ALTER TABLE "flow_days" ADD CONSTRAINT "flow_days_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_day_marks_day_idx" ON "flow_day_marks" USING btree ("area_id","day");--> statement-breakpoint
-- Every change to what the flow report counts of a problem marks its (area, UTC day of raising) in
-- the same transaction, whichever code made it: a trigger cannot be forgotten by a new write path.
-- A move to another area or day marks both days.
CREATE FUNCTION flow_mark_problem() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO flow_day_marks (area_id, day) VALUES (OLD.area_id, OLD.raised_at - OLD.raised_at % 86400000);
    IF NEW.area_id = OLD.area_id AND NEW.raised_at = OLD.raised_at THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO flow_day_marks (area_id, day) VALUES (NEW.area_id, NEW.raised_at - NEW.raised_at % 86400000);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER flow_mark_pull AFTER INSERT ON problems FOR EACH ROW EXECUTE FUNCTION flow_mark_problem();
--> statement-breakpoint
CREATE TRIGGER flow_mark_problem_change AFTER UPDATE ON problems FOR EACH ROW
  WHEN ((OLD.area_id, OLD.raised_at, OLD.level, OLD.raised_by_kind, OLD.status, OLD.first_responded_at, OLD.contained_at, OLD.resolved_at, OLD.learned_at, OLD.response_due_at, OLD.escalation_step, OLD.escalation_round)
    IS DISTINCT FROM (NEW.area_id, NEW.raised_at, NEW.level, NEW.raised_by_kind, NEW.status, NEW.first_responded_at, NEW.contained_at, NEW.resolved_at, NEW.learned_at, NEW.response_due_at, NEW.escalation_step, NEW.escalation_round))
  EXECUTE FUNCTION flow_mark_problem();
--> statement-breakpoint
CREATE FUNCTION flow_mark_recurrence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO flow_day_marks (area_id, day) SELECT area_id, raised_at - raised_at % 86400000 FROM problems
    WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.problem_id ELSE NEW.problem_id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER flow_mark_recurrence AFTER INSERT OR DELETE ON learning_recurrences FOR EACH ROW EXECUTE FUNCTION flow_mark_recurrence();
--> statement-breakpoint
-- The problems already there: every day they were raised on is marked, and the job rolls them up.
INSERT INTO flow_day_marks (area_id, day) SELECT DISTINCT area_id, raised_at - raised_at % 86400000 FROM problems;
