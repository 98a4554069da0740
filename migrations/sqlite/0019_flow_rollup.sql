CREATE TABLE `flow_day_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` text NOT NULL,
	`day` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `flow_day_marks_day_idx` ON `flow_day_marks` (`area_id`,`day`);--> statement-breakpoint
CREATE TABLE `flow_days` (
	`area_id` text NOT NULL,
	`day` integer NOT NULL,
	`figures` text NOT NULL,
	PRIMARY KEY(`area_id`, `day`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Every change to what the flow report counts of a problem marks its (area, UTC day of raising) in
-- the same transaction, whichever code made it: a trigger cannot be forgotten by a new write path.
-- A move to another area or day marks both days.
CREATE TRIGGER `flow_mark_pull` AFTER INSERT ON `problems` BEGIN
  INSERT INTO `flow_day_marks` (`area_id`, `day`) VALUES (new.area_id, new.raised_at - new.raised_at % 86400000);
END;
--> statement-breakpoint
CREATE TRIGGER `flow_mark_problem_change` AFTER UPDATE OF area_id, raised_at, level, raised_by_kind, status, first_responded_at, contained_at, resolved_at, learned_at, response_due_at, escalation_step, escalation_round ON `problems`
WHEN old.area_id IS NOT new.area_id OR old.raised_at IS NOT new.raised_at OR old.level IS NOT new.level OR old.raised_by_kind IS NOT new.raised_by_kind OR old.status IS NOT new.status OR old.first_responded_at IS NOT new.first_responded_at OR old.contained_at IS NOT new.contained_at OR old.resolved_at IS NOT new.resolved_at OR old.learned_at IS NOT new.learned_at OR old.response_due_at IS NOT new.response_due_at OR old.escalation_step IS NOT new.escalation_step OR old.escalation_round IS NOT new.escalation_round
BEGIN
  INSERT INTO `flow_day_marks` (`area_id`, `day`) VALUES (old.area_id, old.raised_at - old.raised_at % 86400000);
  INSERT INTO `flow_day_marks` (`area_id`, `day`) SELECT new.area_id, new.raised_at - new.raised_at % 86400000
    WHERE new.area_id IS NOT old.area_id OR new.raised_at IS NOT old.raised_at;
END;
--> statement-breakpoint
CREATE TRIGGER `flow_mark_recurrence_linked` AFTER INSERT ON `learning_recurrences` BEGIN
  INSERT INTO `flow_day_marks` (`area_id`, `day`) SELECT area_id, raised_at - raised_at % 86400000 FROM problems WHERE id = new.problem_id;
END;
--> statement-breakpoint
CREATE TRIGGER `flow_mark_recurrence_unlinked` AFTER DELETE ON `learning_recurrences` BEGIN
  INSERT INTO `flow_day_marks` (`area_id`, `day`) SELECT area_id, raised_at - raised_at % 86400000 FROM problems WHERE id = old.problem_id;
END;
--> statement-breakpoint
-- The problems already there: every day they were raised on is marked, and the job rolls them up.
INSERT INTO `flow_day_marks` (`area_id`, `day`) SELECT DISTINCT area_id, raised_at - raised_at % 86400000 FROM problems;
