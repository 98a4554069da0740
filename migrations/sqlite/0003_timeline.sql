CREATE TABLE `timeline_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`problem_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`author_kind` text,
	`author_id` text,
	`author_name` text,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`verdict` text,
	`evidence_id` text,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `timeline_entries_problem_idx` ON `timeline_entries` (`problem_id`,`created_at`);