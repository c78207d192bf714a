ALTER TABLE debate_messages ADD CONSTRAINT debate_messages_debate_id_fkey FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE;
ALTER TABLE debate_events ADD CONSTRAINT debate_events_debate_id_fkey FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE;
ALTER TABLE debate_critiques ADD CONSTRAINT debate_critiques_debate_id_fkey FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE;
ALTER TABLE debate_votes ADD CONSTRAINT debate_votes_debate_id_fkey FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE;
