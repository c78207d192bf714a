-- Debates Pulse starts on a topic at a fixed interval. next_run_ns orders the claim of due ones.
CREATE TABLE km_schedules (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    spec TEXT NOT NULL,
    every_seconds INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    next_run_ns INTEGER NOT NULL,
    last_run_ns INTEGER,
    last_debate_id TEXT,
    last_error TEXT,
    runs INTEGER NOT NULL,
    created_by TEXT,
    created_ns INTEGER NOT NULL
);
CREATE INDEX km_schedules_by_org ON km_schedules (org_id, created_ns);
CREATE INDEX km_schedules_due ON km_schedules (enabled, next_run_ns);
