-- Finding a debate's receipts without a full scan.
CREATE INDEX receipts_by_debate ON receipts (debate_id);
