UPDATE debate_events SET data = json_set(data, '$.content', (SELECT m.content FROM debate_messages m
        WHERE m.debate_id = debate_events.debate_id AND m.idx = debate_events.message_idx))
    WHERE message_idx IS NOT NULL;
ALTER TABLE debate_events DROP COLUMN message_idx;
