ALTER TABLE decision_results ADD COLUMN org_id TEXT NOT NULL DEFAULT '';
ALTER TABLE decision_results ADD COLUMN status TEXT NOT NULL DEFAULT 'completed';
ALTER TABLE decision_results ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE decision_results ADD COLUMN request TEXT NOT NULL DEFAULT '{}';
ALTER TABLE decision_results ADD COLUMN receipt_id TEXT;
ALTER TABLE decision_results ADD COLUMN cached_from TEXT;
ALTER TABLE decision_results ADD COLUMN retried_from TEXT;
ALTER TABLE decision_results ADD COLUMN error TEXT;
ALTER TABLE decision_results ADD COLUMN created_ns BIGINT NOT NULL DEFAULT 0;
UPDATE decision_results SET org_id = workspace_id, created_ns = decided_ns;
CREATE INDEX decision_results_by_org ON decision_results (org_id, created_ns DESC);
CREATE INDEX decision_results_by_status ON decision_results (status, created_ns DESC);
CREATE TABLE decision_feedback (
    id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL,
    org_id TEXT NOT NULL,
    type TEXT NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT NOT NULL,
    created_by TEXT,
    created_ns BIGINT NOT NULL
);
CREATE INDEX decision_feedback_by_decision ON decision_feedback (decision_id, created_ns);
