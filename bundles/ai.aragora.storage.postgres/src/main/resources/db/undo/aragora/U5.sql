DROP TRIGGER webhook_receipts ON receipts;
DROP FUNCTION webhook_receipt();
DROP TRIGGER webhook_debate_events ON debate_events;
DROP FUNCTION webhook_debate_event();
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_subscriptions;
