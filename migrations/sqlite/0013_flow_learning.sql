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
CREATE INDEX `learning_recurrences_problem_idx` ON `learning_recurrences` (`problem_id`);