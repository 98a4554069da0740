CREATE TABLE `area_joiners` (
	`area_id` text NOT NULL,
	`user_id` text NOT NULL,
	`problems` integer NOT NULL,
	PRIMARY KEY(`area_id`, `user_id`)
);
--> statement-breakpoint
-- Kept by triggers in the same transaction as the join, whichever code made it. A problem moved to
-- another area takes its swarm's joins with it. Nothing deletes a timeline entry or a problem (the
-- timeline is kept whole), so no trigger counts one out.
CREATE TRIGGER `area_joiners_joined` AFTER INSERT ON `timeline_entries`
WHEN new.kind = 'joined' AND new.author_kind = 'user' AND new.author_id IS NOT NULL
BEGIN
  INSERT INTO `area_joiners` (`area_id`, `user_id`, `problems`) SELECT area_id, new.author_id, 1 FROM problems WHERE id = new.problem_id
    ON CONFLICT (`area_id`, `user_id`) DO UPDATE SET `problems` = `problems` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `area_joiners_moved` AFTER UPDATE OF area_id ON `problems` WHEN old.area_id IS NOT new.area_id
BEGIN
  UPDATE `area_joiners` SET `problems` = `problems` - (SELECT count(*) FROM timeline_entries j
      WHERE j.problem_id = new.id AND j.kind = 'joined' AND j.author_kind = 'user' AND j.author_id = area_joiners.user_id)
    WHERE `area_id` = old.area_id;
  INSERT INTO `area_joiners` (`area_id`, `user_id`, `problems`)
    SELECT new.area_id, author_id, count(*) FROM timeline_entries WHERE problem_id = new.id AND kind = 'joined' AND author_kind = 'user' AND author_id IS NOT NULL GROUP BY author_id
    ON CONFLICT (`area_id`, `user_id`) DO UPDATE SET `problems` = `problems` + excluded.problems;
END;
--> statement-breakpoint
INSERT INTO `area_joiners` (`area_id`, `user_id`, `problems`)
  SELECT p.area_id, j.author_id, count(*) FROM timeline_entries j JOIN problems p ON p.id = j.problem_id
  WHERE j.kind = 'joined' AND j.author_kind = 'user' AND j.author_id IS NOT NULL GROUP BY p.area_id, j.author_id;
