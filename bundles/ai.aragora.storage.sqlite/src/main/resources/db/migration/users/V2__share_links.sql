-- Read-only links to debates. The token itself is never stored: its hash finds the link.
CREATE TABLE share_links (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    debate_id TEXT NOT NULL,
    org_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    expires_ns INTEGER NOT NULL,
    revoked_ns INTEGER
);
CREATE INDEX share_links_by_debate ON share_links (debate_id);
