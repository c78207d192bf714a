-- Transcript and events as rowid tables: a phase's rows are appended where the last commit left off
-- (pages shared by all running debates, and rows up to a page long stored inline), and only the
-- small (debate_id, idx) index entries land in each debate's own pages.
CREATE TABLE debate_messages_in_order (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    agent TEXT,
    content TEXT NOT NULL,
    round INTEGER NOT NULL,
    ts_ns INTEGER NOT NULL
);
INSERT INTO debate_messages_in_order (debate_id, idx, role, agent, content, round, ts_ns)
    SELECT debate_id, idx, role, agent, content, round, ts_ns FROM debate_messages ORDER BY debate_id, idx;
DROP TABLE debate_messages;
ALTER TABLE debate_messages_in_order RENAME TO debate_messages;
CREATE UNIQUE INDEX debate_messages_by_debate ON debate_messages (debate_id, idx);

CREATE TABLE debate_events_in_order (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    ts_ns INTEGER NOT NULL,
    round INTEGER NOT NULL,
    agent TEXT,
    data TEXT NOT NULL
);
INSERT INTO debate_events_in_order (debate_id, seq, type, ts_ns, round, agent, data)
    SELECT debate_id, seq, type, ts_ns, round, agent, data FROM debate_events ORDER BY debate_id, seq;
DROP TABLE debate_events;
ALTER TABLE debate_events_in_order RENAME TO debate_events;
CREATE UNIQUE INDEX debate_events_by_debate ON debate_events (debate_id, seq);
