-- Debates with their transcript, events, results, critiques and votes.
CREATE TABLE debates (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    created_by TEXT,
    status TEXT NOT NULL,
    rounds_used INTEGER NOT NULL DEFAULT 0,
    consensus_reached INTEGER NOT NULL DEFAULT 0,
    spec TEXT NOT NULL,
    receipt_id TEXT,
    created_ns BIGINT NOT NULL,
    updated_ns BIGINT NOT NULL
);
CREATE INDEX debates_by_org ON debates (org_id, created_ns DESC, id DESC);
CREATE INDEX debates_by_status ON debates (status);

CREATE TABLE debate_messages (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    agent TEXT,
    content TEXT NOT NULL,
    round INTEGER NOT NULL,
    ts_ns BIGINT NOT NULL,
    PRIMARY KEY (debate_id, idx)
);

CREATE TABLE debate_events (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    ts_ns BIGINT NOT NULL,
    round INTEGER NOT NULL,
    agent TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (debate_id, seq)
);

CREATE TABLE debate_results (
    debate_id TEXT PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    result TEXT NOT NULL,
    completed_ns BIGINT NOT NULL
);

CREATE TABLE debate_critiques (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    agent TEXT NOT NULL,
    target TEXT NOT NULL,
    severity DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (debate_id, round, agent, target)
);

CREATE TABLE debate_votes (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    agent TEXT NOT NULL,
    choice TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (debate_id, round, agent)
);

-- Ratings, one match per debate, history and calibration predictions.
CREATE TABLE ratings (
    agent TEXT NOT NULL,
    domain TEXT NOT NULL,
    elo DOUBLE PRECISION NOT NULL,
    wins INTEGER NOT NULL,
    losses INTEGER NOT NULL,
    draws INTEGER NOT NULL,
    games INTEGER NOT NULL,
    PRIMARY KEY (agent, domain)
);
CREATE INDEX ratings_by_domain ON ratings (domain, elo DESC);

CREATE TABLE rating_matches (
    debate_id TEXT PRIMARY KEY,
    recorded_ns BIGINT NOT NULL
);

CREATE TABLE rating_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent TEXT NOT NULL,
    domain TEXT NOT NULL,
    debate_id TEXT NOT NULL,
    elo_before DOUBLE PRECISION NOT NULL,
    elo_after DOUBLE PRECISION NOT NULL,
    at_ns BIGINT NOT NULL,
    UNIQUE (agent, domain, debate_id)
);
CREATE INDEX rating_history_by_agent ON rating_history (agent, at_ns DESC);

CREATE TABLE predictions (
    agent TEXT NOT NULL,
    debate_id TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    correct INTEGER NOT NULL,
    at_ns BIGINT NOT NULL,
    PRIMARY KEY (agent, debate_id)
);

-- Receipts, the hash chain (append-only: the triggers refuse changes), its head (the sequencer row), checkpoints.
CREATE TABLE receipts (
    receipt_id TEXT PRIMARY KEY,
    debate_id TEXT NOT NULL,
    version TEXT NOT NULL,
    issued_ns BIGINT NOT NULL,
    odr_digest TEXT NOT NULL,
    key_id TEXT NOT NULL,
    document TEXT NOT NULL,
    decision TEXT
);
CREATE INDEX receipts_by_issued ON receipts (issued_ns);

CREATE TABLE receipt_chain (
    seq BIGINT PRIMARY KEY,
    receipt_id TEXT NOT NULL UNIQUE,
    odr_digest TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE FUNCTION receipt_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the receipt chain is append-only';
END
$$;
CREATE TRIGGER receipt_chain_no_change BEFORE UPDATE OR DELETE ON receipt_chain
    FOR EACH ROW EXECUTE FUNCTION receipt_chain_append_only();

CREATE TABLE receipt_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO receipt_chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE receipt_checkpoints (
    tree_size BIGINT PRIMARY KEY,
    root_hash TEXT NOT NULL,
    ts TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);
