ALTER TABLE `events` ADD `problem_number` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `previous_area_slug` text;