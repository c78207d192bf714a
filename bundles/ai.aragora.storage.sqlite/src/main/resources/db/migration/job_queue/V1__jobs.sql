CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    run_ns INTEGER NOT NULL,
    lease_ns INTEGER,
    worker TEXT,
    last_error TEXT,
    created_ns INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (queue, status, priority DESC, run_ns);
CREATE INDEX jobs_leased ON jobs (status, lease_ns);
