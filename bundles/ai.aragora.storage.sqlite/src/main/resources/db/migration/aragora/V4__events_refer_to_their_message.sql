-- An event that carries a message's text (a proposal, critique or vote) keeps only its index here;
-- the text is stored once, in debate_messages, and joined back when events are read.
ALTER TABLE debate_events ADD COLUMN message_idx INTEGER;
