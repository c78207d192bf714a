-- When a node's confidence last decayed (null: never): a decay pass applies only the time since,
-- so passes on several instances or at irregular intervals never decay a node twice for the same time.
ALTER TABLE km_nodes ADD COLUMN decayed_ns INTEGER;
