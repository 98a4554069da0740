DROP INDEX `problems_area_raised_idx`;--> statement-breakpoint
DROP INDEX `problems_flow_idx`;--> statement-breakpoint
CREATE INDEX `problems_flow_idx` ON `problems` (`area_id`,`raised_at`,`level`,`raised_by_kind`,`status`,`first_responded_at`,`contained_at`,`resolved_at`,`learned_at`,`id`);