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
    created_ns INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL
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
    ts_ns INTEGER NOT NULL,
    PRIMARY KEY (debate_id, idx)
) WITHOUT ROWID;

CREATE TABLE debate_events (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    ts_ns INTEGER NOT NULL,
    round INTEGER NOT NULL,
    agent TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (debate_id, seq)
) WITHOUT ROWID;

CREATE TABLE debate_results (
    debate_id TEXT PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    result TEXT NOT NULL,
    completed_ns INTEGER NOT NULL
);

CREATE TABLE debate_critiques (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    agent TEXT NOT NULL,
    target TEXT NOT NULL,
    severity REAL NOT NULL,
    PRIMARY KEY (debate_id, round, agent, target)
) WITHOUT ROWID;

CREATE TABLE debate_votes (
    debate_id TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    agent TEXT NOT NULL,
    choice TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (debate_id, round, agent)
) WITHOUT ROWID;

-- Ratings, one match per debate, history and calibration predictions.
CREATE TABLE ratings (
    agent TEXT NOT NULL,
    domain TEXT NOT NULL,
    elo REAL NOT NULL,
    wins INTEGER NOT NULL,
    losses INTEGER NOT NULL,
    draws INTEGER NOT NULL,
    games INTEGER NOT NULL,
    PRIMARY KEY (agent, domain)
);
CREATE INDEX ratings_by_domain ON ratings (domain, elo DESC);

CREATE TABLE rating_matches (
    debate_id TEXT PRIMARY KEY,
    recorded_ns INTEGER NOT NULL
);

CREATE TABLE rating_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agent TEXT NOT NULL,
    domain TEXT NOT NULL,
    debate_id TEXT NOT NULL,
    elo_before REAL NOT NULL,
    elo_after REAL NOT NULL,
    at_ns INTEGER NOT NULL,
    UNIQUE (agent, domain, debate_id)
);
CREATE INDEX rating_history_by_agent ON rating_history (agent, at_ns DESC);

CREATE TABLE predictions (
    agent TEXT NOT NULL,
    debate_id TEXT NOT NULL,
    confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    correct INTEGER NOT NULL,
    at_ns INTEGER NOT NULL,
    PRIMARY KEY (agent, debate_id)
);

-- Receipts, the hash chain (append-only: the triggers refuse changes), its head (the sequencer row), checkpoints.
CREATE TABLE receipts (
    receipt_id TEXT PRIMARY KEY,
    debate_id TEXT NOT NULL,
    version TEXT NOT NULL,
    issued_ns INTEGER NOT NULL,
    odr_digest TEXT NOT NULL,
    key_id TEXT NOT NULL,
    document TEXT NOT NULL,
    decision TEXT
);
CREATE INDEX receipts_by_issued ON receipts (issued_ns);

CREATE TABLE receipt_chain (
    seq INTEGER PRIMARY KEY,
    receipt_id TEXT NOT NULL UNIQUE,
    odr_digest TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER receipt_chain_no_update BEFORE UPDATE ON receipt_chain
BEGIN
    SELECT RAISE(ABORT, 'the receipt chain is append-only');
END;
CREATE TRIGGER receipt_chain_no_delete BEFORE DELETE ON receipt_chain
BEGIN
    SELECT RAISE(ABORT, 'the receipt chain is append-only');
END;

CREATE TABLE receipt_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO receipt_chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE receipt_checkpoints (
    tree_size INTEGER PRIMARY KEY,
    root_hash TEXT NOT NULL,
    ts TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);
