-- How often an operation was claimed: more than once without an outcome means an earlier try may have reached
-- Kustomer, so the next one looks before it creates.
ALTER TABLE operation ADD COLUMN claims integer NOT NULL DEFAULT 0;

-- What a delivery under way has already done in Kustomer (bulk job ids, for example), so a try after a crash
-- continues instead of starting over. Cleared when the operation settles.
ALTER TABLE operation ADD COLUMN journal jsonb NOT NULL DEFAULT '{}'::jsonb;
