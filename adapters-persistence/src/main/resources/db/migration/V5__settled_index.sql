-- The console's activity chart: operations that settled as delivered or failed, per minute of the last hour. An
-- operation's updated_at is when it settled; this index answers the range from its entries alone.
CREATE INDEX operation_settled ON operation (updated_at, status) WHERE status IN ('DELIVERED', 'FAILED');
