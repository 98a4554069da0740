CREATE TABLE `alert_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`banner` integer DEFAULT 1 NOT NULL,
	`sound` integer DEFAULT 1 NOT NULL,
	`notification` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `area_followers` (
	`area_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`area_id`, `user_id`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `area_followers_user_idx` ON `area_followers` (`user_id`);