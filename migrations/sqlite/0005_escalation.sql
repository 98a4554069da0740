CREATE TABLE `area_responders` (
	`area_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`area_id`, `user_id`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `escalation_step_members` (
	`area_id` text NOT NULL,
	`position` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`area_id`, `position`, `user_id`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `escalation_steps` (
	`area_id` text NOT NULL,
	`position` integer NOT NULL,
	`wait_minutes` integer NOT NULL,
	PRIMARY KEY(`area_id`, `position`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `problem_escalations` (
	`problem_id` text PRIMARY KEY NOT NULL,
	`response_due_at` integer NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`escalated_at` integer,
	`next_at` integer,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `areas` ADD `escalation_repeat` integer DEFAULT 0 NOT NULL;