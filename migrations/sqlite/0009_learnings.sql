CREATE TABLE `feed_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feed_tokens_user_idx` ON `feed_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `learning_acknowledgements` (
	`learning_id` text NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`learning_id`, `user_id`),
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learning_acknowledgements_user_idx` ON `learning_acknowledgements` (`user_id`);--> statement-breakpoint
CREATE TABLE `learning_follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`learning_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`owner_id` text NOT NULL,
	`due_on` text NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `learning_follow_ups_learning_idx` ON `learning_follow_ups` (`learning_id`,`position`);--> statement-breakpoint
CREATE INDEX `learning_follow_ups_owner_idx` ON `learning_follow_ups` (`owner_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `learning_recurrences` (
	`learning_id` text NOT NULL,
	`problem_id` text NOT NULL,
	`linked_by_name` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`learning_id`, `problem_id`),
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `learning_revisions` (
	`learning_id` text NOT NULL,
	`revision` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`expected` text NOT NULL,
	`cause` text NOT NULL,
	`changes` text NOT NULL,
	`detection` text NOT NULL,
	`tags` text NOT NULL,
	`edited_by_name` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`learning_id`, `revision`),
	FOREIGN KEY (`learning_id`) REFERENCES `learnings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `learnings` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_id` integer NOT NULL,
	`problem_id` text NOT NULL,
	`area_id` text NOT NULL,
	`state` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`expected` text NOT NULL,
	`cause` text NOT NULL,
	`changes` text NOT NULL,
	`detection` text NOT NULL,
	`tags` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`suggestion_opens` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learnings_doc_id_unique` ON `learnings` (`doc_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `learnings_problem_id_unique` ON `learnings` (`problem_id`);--> statement-breakpoint
CREATE INDEX `learnings_published_idx` ON `learnings` (`state`,`published_at`);--> statement-breakpoint
CREATE INDEX `learnings_area_idx` ON `learnings` (`area_id`,`published_at`);--> statement-breakpoint
-- Full-text search over published and draft learnings alike (queries keep to published ones): an
-- external-content FTS5 table keyed by doc_id, with Porter stemming, kept in step by the triggers below.
CREATE VIRTUAL TABLE `learnings_fts` USING fts5(title, summary, cause, changes, detection, tags, content='learnings', content_rowid='doc_id', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `learnings_fts_insert` AFTER INSERT ON `learnings` BEGIN
  INSERT INTO learnings_fts(rowid, title, summary, cause, changes, detection, tags) VALUES (new.doc_id, new.title, new.summary, new.cause, new.changes, new.detection, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_fts_delete` AFTER DELETE ON `learnings` BEGIN
  INSERT INTO learnings_fts(learnings_fts, rowid, title, summary, cause, changes, detection, tags) VALUES ('delete', old.doc_id, old.title, old.summary, old.cause, old.changes, old.detection, old.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `learnings_fts_update` AFTER UPDATE OF title, summary, cause, changes, detection, tags ON `learnings` BEGIN
  INSERT INTO learnings_fts(learnings_fts, rowid, title, summary, cause, changes, detection, tags) VALUES ('delete', old.doc_id, old.title, old.summary, old.cause, old.changes, old.detection, old.tags);
  INSERT INTO learnings_fts(rowid, title, summary, cause, changes, detection, tags) VALUES (new.doc_id, new.title, new.summary, new.cause, new.changes, new.detection, new.tags);
END;
