CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
-- Numbers go on from where this database got to: problem numbers from the highest one, event seqs
-- from the last one AUTOINCREMENT handed out (which remembers pruned events too).
INSERT INTO `counters` (`name`, `value`) SELECT 'problems', COALESCE(MAX(`number`), 0) FROM `problems`;--> statement-breakpoint
INSERT INTO `counters` (`name`, `value`) SELECT 'events', MAX(COALESCE((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'events'), 0), COALESCE((SELECT MAX(`seq`) FROM `events`), 0));
--> statement-breakpoint
CREATE TABLE `event_cursors` (
	`consumer` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`payload` text NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`leased_by` text,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_key_unique` ON `jobs` (`key`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`due_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`problem_id` text,
	`problem_number` integer,
	`area_slug` text,
	`previous_area_slug` text,
	`at` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_events`("seq", "name", "problem_id", "problem_number", "area_slug", "previous_area_slug", "at", "data") SELECT "seq", "name", "problem_id", "problem_number", "area_slug", "previous_area_slug", "at", "data" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`at`);