DROP INDEX receipts_by_debate;
