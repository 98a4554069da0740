-- flow_days_day_idx is the flow rollup's by-day index (declared with it in the schema, generated here).
CREATE INDEX `flow_days_day_idx` ON `flow_days` (`day`);--> statement-breakpoint
-- What a search filters its candidates by (state, area, day), read from an index rather than from
-- each learning's row of long text.
CREATE INDEX `learnings_candidates_idx` ON `learnings` (`doc_id`,`state`,`area_id`,`published_at`);--> statement-breakpoint
-- The search index again, now with prefix indexes of 3 to 8 letters (was 3 to 5): a half-typed word
-- of 6 to 8 letters ("checko"*, "checkout"*) read the match lists of every word it starts and merged
-- them whole before it could walk them newest first (16 ms of CPU for one suggestion at 100,000
-- learnings, ten times that at 1,000,000); now it reads one list. Longer words are rare enough that
-- their merge is small. The index grows by about a sixth (109 -> 127 MB at 100,000 learnings). The
-- triggers on `learnings` keep it in step by name, as before.
DROP TABLE `learnings_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `learnings_fts` USING fts5(title, summary, cause, changes, detection, tags, content='learnings', content_rowid='doc_id', tokenize='porter unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
--> statement-breakpoint
INSERT INTO `learnings_fts`(`learnings_fts`) VALUES ('rebuild');
