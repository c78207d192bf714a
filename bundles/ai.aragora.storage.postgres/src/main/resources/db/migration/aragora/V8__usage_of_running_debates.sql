-- What a running debate's agent calls cost by its last durable step (JSON usage totals), stored with
-- rounds_used: an instance that resumes the debate counts it in the result.
ALTER TABLE debates ADD COLUMN usage_totals TEXT;
