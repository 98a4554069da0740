ALTER TABLE `problems` ADD `contained_at` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `learned_at` integer;--> statement-breakpoint
CREATE INDEX `problems_raised_idx` ON `problems` (`raised_at`);--> statement-breakpoint
CREATE INDEX `problems_area_raised_idx` ON `problems` (`area_id`,`raised_at`);--> statement-breakpoint
-- Problems pulled before these columns existed: their milestones from the recorded status changes.
UPDATE problems SET
  contained_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status IN ('contained', 'resolved', 'learned')),
  resolved_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status IN ('resolved', 'learned')),
  learned_at = (SELECT min(at) FROM problem_status_changes c WHERE c.problem_id = problems.id AND c.to_status = 'learned');
