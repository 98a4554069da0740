DROP INDEX `learning_follow_ups_learning_idx`;--> statement-breakpoint
CREATE INDEX `learning_follow_ups_learning_idx` ON `learning_follow_ups` (`learning_id`,`position`,`due_on`,`done_at`);--> statement-breakpoint
DROP INDEX `problems_flow_idx`;--> statement-breakpoint
ALTER TABLE `problems` ADD `response_due_at` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `escalation_step` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `escalation_round` integer;--> statement-breakpoint
UPDATE problems SET response_due_at = e.response_due_at, escalation_step = e.step, escalation_round = e.round FROM problem_escalations e WHERE e.problem_id = problems.id;--> statement-breakpoint
CREATE INDEX `problems_flow_idx` ON `problems` (`area_id`,`raised_at`,`level`,`raised_by_kind`,`status`,`first_responded_at`,`contained_at`,`resolved_at`,`learned_at`,`response_due_at`,`escalation_step`,`escalation_round`,`id`);--> statement-breakpoint
CREATE INDEX `learnings_flow_idx` ON `learnings` (`area_id`,`state`,`published_at`,`id`);