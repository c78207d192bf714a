UPDATE debate_events e SET data = jsonb_set(e.data::jsonb, '{content}', to_jsonb(m.content))::text
    FROM debate_messages m
    WHERE e.message_idx IS NOT NULL AND m.debate_id = e.debate_id AND m.idx = e.message_idx;
ALTER TABLE debate_events DROP COLUMN message_idx;
