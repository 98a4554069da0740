CREATE TABLE `pull_links` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`area_id` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_pulled_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pull_links_code_unique` ON `pull_links` (`code`);--> statement-breakpoint
CREATE INDEX `pull_links_area_idx` ON `pull_links` (`area_id`);