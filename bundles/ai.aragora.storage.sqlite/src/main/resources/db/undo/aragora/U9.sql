DROP TABLE debate_usage_pending;
DROP TABLE debate_usage;
