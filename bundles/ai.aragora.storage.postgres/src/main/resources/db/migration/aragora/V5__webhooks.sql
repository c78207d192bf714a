-- Webhooks: subscriptions, the events still to be fanned out to their deliveries, and the deliveries (the outbox).
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    url TEXT NOT NULL,
    sink TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    headers TEXT NOT NULL,
    secrets TEXT NOT NULL,
    active INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    disabled_reason TEXT,
    created_ns BIGINT NOT NULL,
    updated_ns BIGINT NOT NULL
);
CREATE INDEX webhook_subscriptions_by_org ON webhook_subscriptions (org_id, created_ns);

-- One row per debate event or receipt a webhook may announce, written by the triggers below in the
-- transaction that stores the event or receipt itself: what commits is announced, nothing else is.
CREATE TABLE webhook_events (
    id BIGSERIAL PRIMARY KEY,
    debate_id TEXT,
    seq BIGINT,
    receipt_id TEXT
);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    url TEXT,
    sink TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_ns BIGINT NOT NULL,
    lease_until_ns BIGINT,
    last_status INTEGER,
    last_error TEXT,
    created_ns BIGINT NOT NULL,
    updated_ns BIGINT NOT NULL,
    delivered_ns BIGINT
);
-- What the sender reads on every pass, in the order it sends: partial indexes keep those reads
-- proportional to what is due, not to how many deliveries are kept.
CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries (next_attempt_ns) WHERE state IN ('PENDING', 'RETRYING');
CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (lease_until_ns) WHERE state = 'IN_PROGRESS';
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (updated_ns) WHERE state = 'DEAD_LETTERED';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_ns DESC);

CREATE FUNCTION webhook_debate_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- rows copied by `aragora migrate copy` were announced where they were first written
    IF current_setting('aragora.copying', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM webhook_subscriptions s JOIN debates d ON s.org_id = d.org_id
               WHERE d.id = NEW.debate_id AND s.active = 1)
       OR (NEW.type = 'DEBATE_END' AND EXISTS (SELECT 1 FROM debates d
               WHERE d.id = NEW.debate_id AND (d.spec::jsonb -> 'metadata' ->> 'callback_url') IS NOT NULL)) THEN
        INSERT INTO webhook_events (debate_id, seq) VALUES (NEW.debate_id, NEW.seq);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_debate_events AFTER INSERT ON debate_events FOR EACH ROW
    WHEN (NEW.type IN ('DEBATE_START', 'ROUND_START', 'CONSENSUS', 'DEBATE_END', 'AGENT_FAILURE', 'AGENT_FALLBACK_TRIGGERED'))
    EXECUTE FUNCTION webhook_debate_event();

CREATE FUNCTION webhook_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- rows copied by `aragora migrate copy` were announced where they were first written
    IF current_setting('aragora.copying', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM webhook_subscriptions s JOIN debates d ON s.org_id = d.org_id
               WHERE d.id = NEW.debate_id AND s.active = 1) THEN
        INSERT INTO webhook_events (receipt_id) VALUES (NEW.receipt_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_receipts AFTER INSERT ON receipts FOR EACH ROW EXECUTE FUNCTION webhook_receipt();
