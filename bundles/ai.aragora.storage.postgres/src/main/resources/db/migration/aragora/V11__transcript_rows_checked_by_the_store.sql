-- A debate's transcript rows (messages, events, critiques, votes) refer to it through the store:
-- each append checks and locks the debate once, and deleting a debate deletes them first. The
-- foreign keys checked and locked the debate once per row, about a quarter of the server's CPU
-- per debate (decision 0027, 2026-12-07). Results keep theirs: one row per debate.
ALTER TABLE debate_messages DROP CONSTRAINT debate_messages_debate_id_fkey;
ALTER TABLE debate_events DROP CONSTRAINT debate_events_debate_id_fkey;
ALTER TABLE debate_critiques DROP CONSTRAINT debate_critiques_debate_id_fkey;
ALTER TABLE debate_votes DROP CONSTRAINT debate_votes_debate_id_fkey;
