CREATE TABLE km_nodes (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    tier TEXT NOT NULL,
    validation TEXT NOT NULL,
    strength INTEGER NOT NULL,
    uses INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    provenance TEXT NOT NULL,
    created_ns BIGINT NOT NULL,
    updated_ns BIGINT NOT NULL,
    touched_ns BIGINT NOT NULL,
    content_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    UNIQUE (org_id, workspace_id, content_hash)
);
CREATE INDEX km_nodes_by_org ON km_nodes (org_id, workspace_id, created_ns);
CREATE INDEX km_nodes_by_tier ON km_nodes (tier, touched_ns);
CREATE INDEX km_nodes_fts ON km_nodes USING GIN (content_tsv);

CREATE TABLE km_relationships (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    target_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    provenance TEXT NOT NULL,
    created_ns BIGINT NOT NULL,
    UNIQUE (source_id, target_id, type)
);
CREATE INDEX km_relationships_by_target ON km_relationships (target_id);

CREATE TABLE km_vectors (
    node_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BYTEA NOT NULL,
    PRIMARY KEY (model, node_id)
);

-- Finished debates in the order they finished, and how far each adapter learned from them.
CREATE TABLE km_inbox (
    seq BIGSERIAL PRIMARY KEY,
    debate_id TEXT NOT NULL UNIQUE,
    queued_ns BIGINT NOT NULL
);
CREATE TABLE km_cursors (
    adapter TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    updated_ns BIGINT NOT NULL
);
