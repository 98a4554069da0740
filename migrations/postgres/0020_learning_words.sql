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
INSERT INTO learning_words (lexeme, doc_id)
  SELECT words.lexeme, learnings.doc_id FROM learnings, unnest(tsvector_to_array(learnings.search)) AS words(lexeme) WHERE learnings.state = 'published';
--> statement-breakpoint
-- The planner's estimate of each word's entries chooses between merging the words' entries and
-- probing one word's in another's. (The index-only scans need the visibility map too: autovacuum
-- sets it, as VACUUM cannot run inside the migration's transaction.)
ANALYZE learning_words;
