CREATE TABLE `problem_presence` (
	`problem_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `user_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `problem_presence_seen_idx` ON `problem_presence` (`problem_id`,`seen_at`);--> statement-breakpoint
CREATE TABLE `swarm_members` (
	`problem_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `user_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `timeline_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` text NOT NULL,
	`body` text NOT NULL,
	`written_at` integer NOT NULL,
	`replaced_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `timeline_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `timeline_revisions_entry_idx` ON `timeline_revisions` (`entry_id`,`id`);--> statement-breakpoint
ALTER TABLE `problems` ADD `first_responded_at` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `lead_user_id` text;