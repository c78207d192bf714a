ALTER TABLE km_nodes DROP COLUMN decayed_ns;
