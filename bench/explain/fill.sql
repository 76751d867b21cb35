-- 1,000,000 operations shaped like a gateway that has run for 90 days: nearly all delivered, a few failed or
-- cancelled, a backlog of pending ones; 4 kinds; 100,000 conversations, 50,000 customers, 100 Klasses; one attempt
-- per operation that was tried. Newest operations are the pending ones, as in a live outbox.
SET synchronous_commit = off;

INSERT INTO operation (id, kind, resource_key, status, payload, accepted_at, updated_at, failed_attempts,
                       next_attempt_at, remote_ids, last_failure_status, last_failure_code, last_failure_message)
SELECT gen_random_uuid(),
       k.kind,
       CASE k.kind
           WHEN 'ADD_NOTE' THEN 'conversation:conv_' || (n % 100000)
           WHEN 'UPDATE_CUSTOMER_DATA' THEN 'customer:cust_' || (n % 50000)
           ELSE 'klass:Klass_' || (n % 100) END,
       s.status,
       '{"kind":"ADD_NOTE","conversationId":"conv","body":"x"}'::jsonb,
       t.accepted_at,
       t.accepted_at,
       CASE WHEN s.status IN ('FAILED', 'RETRYING') THEN 1 ELSE 0 END,
       CASE WHEN s.status IN ('QUEUED', 'RETRYING') THEN t.accepted_at + interval '1 minute' END,
       '[]'::jsonb,
       CASE WHEN s.status IN ('FAILED', 'RETRYING') THEN 400 END,
       CASE WHEN s.status IN ('FAILED', 'RETRYING') THEN 'bad_request' END,
       CASE WHEN s.status IN ('FAILED', 'RETRYING') THEN 'refused' END
FROM generate_series(1, 1000000) AS n
CROSS JOIN LATERAL (SELECT (ARRAY['ADD_NOTE', 'CREATE_KLASS', 'CREATE_CUSTOM_OBJECTS', 'UPDATE_CUSTOMER_DATA'])
                           [1 + (n % 4)] AS kind) k
CROSS JOIN LATERAL (SELECT now() - interval '90 days' + (n * interval '90 days' / 1000000) AS accepted_at) t
CROSS JOIN LATERAL (SELECT CASE
           WHEN n > 995000 THEN (ARRAY['QUEUED', 'RETRYING'])[1 + (n % 2)]
           WHEN n % 50 = 7 THEN 'FAILED'
           WHEN n % 100 = 13 THEN 'CANCELLED'
           ELSE 'DELIVERED' END AS status) s;

INSERT INTO delivery_attempt (operation_id, attempt_no, started_at, duration_ms, outcome, http_status, error_code,
                              error_message, remote_ids, exchanges)
SELECT id, 1, accepted_at, 120,
       CASE WHEN status = 'DELIVERED' THEN 'DELIVERED' ELSE 'REJECTED' END,
       CASE WHEN status = 'DELIVERED' THEN NULL ELSE 400 END,
       CASE WHEN status = 'DELIVERED' THEN NULL ELSE 'bad_request' END,
       CASE WHEN status = 'DELIVERED' THEN NULL ELSE 'refused' END,
       CASE WHEN status = 'DELIVERED' THEN '["5828a3be7c7f551a00b5b720"]'::jsonb END,
       '[{"method":"POST","path":"/v1/x","status":201,"durationMs":120,"startedAt":"2026-01-01T00:00:00Z"}]'::jsonb
FROM operation WHERE status IN ('DELIVERED', 'FAILED', 'RETRYING');

VACUUM ANALYZE operation;
VACUUM ANALYZE delivery_attempt;
