CREATE TABLE decision_results (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    request_key TEXT NOT NULL,
    route TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    result TEXT NOT NULL,
    cached INTEGER NOT NULL,
    duration_ms BIGINT NOT NULL,
    decided_ns BIGINT NOT NULL
);
CREATE INDEX decision_results_by_workspace ON decision_results (workspace_id, decided_ns DESC);
CREATE INDEX decision_results_by_request ON decision_results (request_key, decided_ns DESC);
CREATE INDEX decision_results_by_time ON decision_results (decided_ns);
