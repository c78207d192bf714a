DROP TRIGGER webhook_receipts;
DROP TRIGGER webhook_debate_events;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_subscriptions;
