-- The search index again, now with prefix indexes of 3, 4 and 5 letters: a half-typed word in a
-- suggestion ("chec"*) reads one list of matches instead of merging the lists of every word it
-- starts (15-27 ms of CPU for a common prefix at 100,000 learnings, 0.6 ms with the prefix index).
-- The triggers on `learnings` keep it in step by name, as before.
DROP TABLE `learnings_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `learnings_fts` USING fts5(title, summary, cause, changes, detection, tags, content='learnings', content_rowid='doc_id', tokenize='porter unicode61 remove_diacritics 2', prefix='3 4 5');
--> statement-breakpoint
INSERT INTO `learnings_fts`(`learnings_fts`) VALUES ('rebuild');
