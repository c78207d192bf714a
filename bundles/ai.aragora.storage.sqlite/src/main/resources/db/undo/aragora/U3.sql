CREATE TABLE debate_messages_keyed (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    agent TEXT,
    content TEXT NOT NULL,
    round INTEGER NOT NULL,
    ts_ns INTEGER NOT NULL,
    PRIMARY KEY (debate_id, idx)
) WITHOUT ROWID;
INSERT INTO debate_messages_keyed SELECT debate_id, idx, role, agent, content, round, ts_ns FROM debate_messages;
DROP TABLE debate_messages;
ALTER TABLE debate_messages_keyed RENAME TO debate_messages;
CREATE TABLE debate_events_keyed (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    ts_ns INTEGER NOT NULL,
    round INTEGER NOT NULL,
    agent TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (debate_id, seq)
) WITHOUT ROWID;
INSERT INTO debate_events_keyed SELECT debate_id, seq, type, ts_ns, round, agent, data FROM debate_events;
DROP TABLE debate_events;
ALTER TABLE debate_events_keyed RENAME TO debate_events;
