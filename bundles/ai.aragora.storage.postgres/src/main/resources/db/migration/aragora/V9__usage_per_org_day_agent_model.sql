-- What finished debates used, per org, UTC day ('YYYY-MM-DD'), agent and model, added to as each
-- debate's result is stored. Agent '' is the row of whole debates (each counted once, with its
-- totals); model '' is an unknown model. A debate's usage is added once: its result's write marks
-- it pending, and the write that adds it removes the mark.
CREATE TABLE debate_usage (
    org_id TEXT NOT NULL,
    day TEXT NOT NULL,
    agent TEXT NOT NULL,
    model TEXT NOT NULL,
    debates BIGINT NOT NULL,
    calls BIGINT NOT NULL,
    input_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cost_usd DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (org_id, day, agent, model)
);
CREATE INDEX debate_usage_by_day ON debate_usage (day);

CREATE TABLE debate_usage_pending (
    debate_id TEXT PRIMARY KEY
);

-- Results stored before this table existed are counted by the server after it starts.
INSERT INTO debate_usage_pending (debate_id) SELECT debate_id FROM debate_results;
