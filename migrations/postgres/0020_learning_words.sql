CREATE TABLE "learning_words" (
	"lexeme" text NOT NULL,
	"doc_id" bigint NOT NULL,
	CONSTRAINT "learning_words_lexeme_doc_id_pk" PRIMARY KEY("lexeme","doc_id")
);
--> statement-breakpoint
-- Kept in the same transaction as the change, whichever code made it: a learning's words are in the
-- table while it is published, from its generated search vector (so an AFTER trigger: a BEFORE one
-- does not see the vector yet). An edit writes only the words it added or removed.
CREATE FUNCTION learning_words_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone text[] := '{}';
  came text[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.state = 'published' THEN gone := tsvector_to_array(OLD.search); END IF;
  IF TG_OP <> 'DELETE' AND NEW.state = 'published' THEN came := tsvector_to_array(NEW.search); END IF;
  IF TG_OP = 'UPDATE' AND OLD.doc_id = NEW.doc_id THEN
    SELECT ARRAY(SELECT unnest(gone) EXCEPT SELECT unnest(came)), ARRAY(SELECT unnest(came) EXCEPT SELECT unnest(gone)) INTO gone, came;
  END IF;
  IF cardinality(gone) > 0 THEN DELETE FROM learning_words WHERE doc_id = OLD.doc_id AND lexeme = ANY (gone); END IF;
  IF cardinality(came) > 0 THEN INSERT INTO learning_words (lexeme, doc_id) SELECT unnest(came), NEW.doc_id; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_words_kept AFTER INSERT OR DELETE ON learnings FOR EACH ROW EXECUTE FUNCTION learning_words_kept();
--> statement-breakpoint
-- Most updates change neither the words nor the state (a suggestion opened, a follow-up's edit).
CREATE TRIGGER learning_words_changed AFTER UPDATE ON learnings FOR EACH ROW
  WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.state IS DISTINCT FROM NEW.state OR OLD.doc_id <> NEW.doc_id) EXECUTE FUNCTION learning_words_kept();
--> statement-breakpoint
-- Search's newest holders of every lexeme, merging each lexeme's entries read backwards from the
-- key, stopping at the limit. Left to itself the planner takes words as independent, so for words
-- that come together ("shipping API") it expects a few holders and probes a third word's key for
-- each of thousands instead of merging its entries (8.8 ms against 3.8 for "shipping API timed");
-- nested loops and hash joins (which read every entry) are set aside for this one statement, and
-- EXECUTE plans it for the lexemes given.
CREATE FUNCTION learning_holders(lexemes text[], max_holders integer) RETURNS SETOF bigint LANGUAGE plpgsql STABLE
  SET enable_nestloop = off SET enable_hashjoin = off SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
  joins text := '';
BEGIN
  FOR i IN 2..cardinality(lexemes) LOOP
    joins := joins || format(' JOIN learning_words w%s ON w%s.doc_id = w1.doc_id AND w%s.lexeme = %L', i, i, i, lexemes[i]);
  END LOOP;
  RETURN QUERY EXECUTE format('SELECT w1.doc_id FROM learning_words w1%s WHERE w1.lexeme = %L ORDER BY w1.doc_id DESC LIMIT %s', joins, lexemes[1], max_holders);
END $$;
--> statement-breakpoint
INSERT INTO learning_words (lexeme, doc_id)
  SELECT words.lexeme, learnings.doc_id FROM learnings, unnest(tsvector_to_array(learnings.search)) AS words(lexeme) WHERE learnings.state = 'published';
--> statement-breakpoint
-- Statistics for the plans around it. (Its index-only scans need the visibility map too:
-- autovacuum sets it, as VACUUM cannot run inside the migration's transaction.)
ANALYZE learning_words;
