ALTER TABLE webhook_subscriptions DROP COLUMN retry_policy;
