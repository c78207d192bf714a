-- A subscription's own retry schedule (JSON: base_ms, max_ms, max_retries, jitter); null follows the server's.
ALTER TABLE webhook_subscriptions ADD COLUMN retry_policy TEXT;
