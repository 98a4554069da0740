CREATE TABLE `learning_suggestion_views` (
	`learning_id` text NOT NULL,
	`user_id` text NOT NULL,
	`day` integer NOT NULL,
	`shown_at` integer NOT NULL,
	`opened_at` integer,
	PRIMARY KEY(`learning_id`, `user_id`, `day`),
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learning_suggestion_views_shown_idx` ON `learning_suggestion_views` (`shown_at`);--> statement-breakpoint
DROP INDEX `problems_raised_idx`;--> statement-breakpoint
CREATE INDEX `problems_flow_idx` ON `problems` (`raised_at`,`area_id`,`level`,`raised_by_kind`,`status`,`first_responded_at`,`contained_at`,`resolved_at`,`learned_at`);--> statement-breakpoint
CREATE INDEX `learning_recurrences_problem_idx` ON `learning_recurrences` (`problem_id`);--> statement-breakpoint
CREATE INDEX `problem_escalations_flow_idx` ON `problem_escalations` (`problem_id`,`response_due_at`,`step`,`round`);--> statement-breakpoint
CREATE INDEX `timeline_entries_joined_idx` ON `timeline_entries` (`author_id`,`problem_id`) WHERE kind = 'joined' and author_kind = 'user';