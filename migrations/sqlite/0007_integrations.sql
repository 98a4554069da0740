CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`area_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`stop_severities` text NOT NULL,
	`auto_resolve` integer DEFAULT 1 NOT NULL,
	`hmac_secret` text,
	`created_at` integer NOT NULL,
	`token_rotated_at` integer,
	`last_received_at` integer,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_token_hash_unique` ON `integrations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `integrations_area_idx` ON `integrations` (`area_id`);--> statement-breakpoint
CREATE TABLE `problem_alerts` (
	`problem_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `fingerprint`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `problems` ADD `dedup_key` text;--> statement-breakpoint
ALTER TABLE `problems` ADD `recurrence_of_number` integer;--> statement-breakpoint
ALTER TABLE `problems` ADD `firing_alerts` integer;--> statement-breakpoint
CREATE INDEX `problems_dedup_idx` ON `problems` (`area_id`,`dedup_key`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `problems_open_dedup_idx` ON `problems` (`area_id`,`dedup_key`) WHERE dedup_key is not null and status in ('raised', 'swarming', 'contained');