-- nid only ties a node to its full-text row; id is what everyone else refers to.
CREATE TABLE km_nodes (
    nid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    confidence REAL NOT NULL,
    tier TEXT NOT NULL,
    validation TEXT NOT NULL,
    strength INTEGER NOT NULL,
    uses INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    provenance TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL,
    touched_ns INTEGER NOT NULL,
    UNIQUE (org_id, workspace_id, content_hash)
);
CREATE INDEX km_nodes_by_org ON km_nodes (org_id, workspace_id, created_ns);
CREATE INDEX km_nodes_by_tier ON km_nodes (tier, touched_ns);

CREATE VIRTUAL TABLE km_nodes_fts USING fts5 (content, content = 'km_nodes', content_rowid = 'nid',
    tokenize = 'porter unicode61');
CREATE TRIGGER km_nodes_fts_insert AFTER INSERT ON km_nodes BEGIN
    INSERT INTO km_nodes_fts (rowid, content) VALUES (new.nid, new.content);
END;
CREATE TRIGGER km_nodes_fts_delete AFTER DELETE ON km_nodes BEGIN
    INSERT INTO km_nodes_fts (km_nodes_fts, rowid, content) VALUES ('delete', old.nid, old.content);
END;

CREATE TABLE km_relationships (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    target_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    provenance TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    UNIQUE (source_id, target_id, type)
);
CREATE INDEX km_relationships_by_target ON km_relationships (target_id);

CREATE TABLE km_vectors (
    node_id TEXT NOT NULL REFERENCES km_nodes (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, node_id)
);

-- Finished debates in the order they finished, and how far each adapter learned from them.
CREATE TABLE km_inbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    debate_id TEXT NOT NULL UNIQUE,
    queued_ns INTEGER NOT NULL
);
CREATE TABLE km_cursors (
    adapter TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL
);
