-- Tracing (issue 17): the W3C trace context an operation was accepted under, so that every delivery attempt, on any
-- instance and however late, continues the caller's trace; and each attempt's trace id, so that the audit leads to
-- the trace. Nullable: operations accepted untraced, or before this migration, have none.
ALTER TABLE operation ADD COLUMN trace_parent text, ADD COLUMN trace_state text;
ALTER TABLE delivery_attempt ADD COLUMN trace_id text;
