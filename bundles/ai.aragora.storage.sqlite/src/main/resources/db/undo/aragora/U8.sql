ALTER TABLE debates DROP COLUMN usage_totals;
