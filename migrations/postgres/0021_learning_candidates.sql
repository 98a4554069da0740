-- Search's candidates when no filter is given: the newest max_holders published learnings holding
-- every lexeme of the words, in one statement with the page (the lexemes were a round trip of their
-- own). The words' lexemes are those of the search's tsquery (the same parser and stemmer), and the
-- two ways of finding their holders give the same learnings:
-- - merging each lexeme's entries in learning_words (learning_holders, 0020): its cost is that of
--   the entries read down to the last holder taken, so it suits words whose holders are many;
-- - GIN's bitmap of the matches, whose cost is that of the matches, all of them: it suits words
--   whose holders are few. Where the holders are fewer than the limit the merge reads every entry
--   of every word, so three words one of which is rare (not among learning_words' most common
--   values) were 2 to 4 times quicker through GIN ("nightly backup ran" 8.4 against 1.9 ms,
--   "session store timed" 7.7 against 2.7 at 100,000), three common ones 4 times slower ("checkout
--   time pool" 4.5 against 18), and one or two words far slower ("shipping API" 0.8 against 8.0).
--   So: up to two lexemes, or three common ones, are merged; three with a rare one, or more than
--   three (0020's reasons, bench/README item 12), go to GIN. Without statistics yet, the merge.
CREATE FUNCTION learning_candidates(words text, max_holders integer) RETURNS SETOF bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  lexemes text[] := tsvector_to_array(to_tsvector('english', words));
  common text[];
BEGIN
  IF cardinality(lexemes) = 0 THEN RETURN; END IF;
  IF cardinality(lexemes) = 3 THEN
    SELECT most_common_vals::text::text[] INTO common FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = 'learning_words' AND attname = 'lexeme';
  END IF;
  IF cardinality(lexemes) > 3 OR (common IS NOT NULL AND NOT lexemes <@ common) THEN
    -- EXECUTE: planned for these words, not once for any.
    RETURN QUERY EXECUTE 'SELECT doc_id FROM learnings WHERE search @@ plainto_tsquery(''english'', $1) AND state = ''published'' ORDER BY doc_id DESC LIMIT $2'
      USING words, max_holders;
  ELSE
    RETURN QUERY SELECT holders.doc_id FROM learning_holders(lexemes, max_holders) AS holders(doc_id);
  END IF;
END $$;
