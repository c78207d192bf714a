-- Debates changed since a moment, in update order (DebateStore.changedSince: the stream's catch-up after a broker outage).
CREATE INDEX debates_by_update ON debates (updated_ns, id);
