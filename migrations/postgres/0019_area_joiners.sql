CREATE TABLE "area_joiners" (
	"area_id" text NOT NULL,
	"user_id" text NOT NULL,
	"problems" integer NOT NULL,
	CONSTRAINT "area_joiners_area_id_user_id_pk" PRIMARY KEY("area_id","user_id")
);
--> statement-breakpoint
-- Kept by triggers in the same transaction as the join, whichever code made it. A problem moved to
-- another area takes its swarm's joins with it. Nothing deletes a timeline entry or a problem (the
-- timeline is kept whole), so no trigger counts one out.
CREATE FUNCTION area_joiners_joined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO area_joiners (area_id, user_id, problems) SELECT area_id, NEW.author_id, 1 FROM problems WHERE id = NEW.problem_id
    ON CONFLICT (area_id, user_id) DO UPDATE SET problems = area_joiners.problems + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER area_joiners_joined AFTER INSERT ON timeline_entries FOR EACH ROW
  WHEN (NEW.kind = 'joined' AND NEW.author_kind = 'user' AND NEW.author_id IS NOT NULL) EXECUTE FUNCTION area_joiners_joined();
--> statement-breakpoint
CREATE FUNCTION area_joiners_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH joins AS (
    SELECT author_id, count(*) AS n FROM timeline_entries WHERE problem_id = NEW.id AND kind = 'joined' AND author_kind = 'user' AND author_id IS NOT NULL GROUP BY author_id
  ), gone AS ( -- run although unreferenced: PostgreSQL runs every data-modifying WITH once
    UPDATE area_joiners aj SET problems = aj.problems - joins.n FROM joins WHERE aj.area_id = OLD.area_id AND aj.user_id = joins.author_id
  )
  INSERT INTO area_joiners (area_id, user_id, problems) SELECT NEW.area_id, author_id, n FROM joins
    ON CONFLICT (area_id, user_id) DO UPDATE SET problems = area_joiners.problems + excluded.problems;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER area_joiners_moved AFTER UPDATE OF area_id ON problems FOR EACH ROW
  WHEN (OLD.area_id IS DISTINCT FROM NEW.area_id) EXECUTE FUNCTION area_joiners_moved();
--> statement-breakpoint
INSERT INTO area_joiners (area_id, user_id, problems)
  SELECT p.area_id, j.author_id, count(*) FROM timeline_entries j JOIN problems p ON p.id = j.problem_id
  WHERE j.kind = 'joined' AND j.author_kind = 'user' AND j.author_id IS NOT NULL GROUP BY p.area_id, j.author_id;
