-- The audit queries exactly as the gateway sends them: the SQL Hibernate writes for the HQL of
-- PostgresOperationHistory and PostgresOperationCorrections (EmittedSql shows it), with the parameters' values in
-- their places. psql variables: :cols and :attempt_cols are the columns Hibernate selects for a row; :'t_mid',
-- :'id_mid' an acceptance time and id in the middle of the data (a deep page); :page_in a deep page's 20 ids.
-- Hibernate pads a list of values to the next power of two with copies of the last one (in-clause padding), so that
-- a few statement shapes serve every list: ('QUEUED','IN_FLIGHT','RETRYING','RETRYING') is the pending statuses.
\set ECHO queries
\pset pager off
\set cols 'or1_0.id,or1_0.accepted_at,or1_0.claims,or1_0.failed_attempts,or1_0.idempotency_key,or1_0.journal,or1_0.kind,or1_0.last_failure_code,or1_0.last_failure_message,or1_0.last_failure_status,or1_0.lease_owner,or1_0.lease_until,or1_0.next_attempt_at,or1_0.payload,or1_0.remote_ids,or1_0.resource_key,or1_0.seq,or1_0.status,or1_0.updated_at'
\set attempt_cols 'ar1_0.id,ar1_0.attempt_no,ar1_0.duration_ms,ar1_0.error_code,ar1_0.error_message,ar1_0.exchanges,ar1_0.http_status,ar1_0.not_before,ar1_0.operation_id,ar1_0.outcome,ar1_0.remote_ids,ar1_0.started_at'

-- operations(first: 20): newest first, no filter, first page (21 rows: one more says whether there is a next page)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- operations(first: 20, after: <cursor>): a deep page, half-way down a million operations
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where (or1_0.accepted_at,or1_0.id)<(:'t_mid',:'id_mid')
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- filter { status: FAILED }, deep page
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.status='FAILED' and (or1_0.accepted_at,or1_0.id)<(:'t_mid',:'id_mid')
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- filter { kind: UPDATE_CUSTOMER_DATA }
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.kind='UPDATE_CUSTOMER_DATA'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- filter { resource: "customer:cust_4242" }: "what did we send Kustomer about this customer?"
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.resource_key='customer:cust_4242'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- filter { acceptedFrom, acceptedBefore }: one day, a month ago
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.accepted_at>=now() - interval '31 days' and or1_0.accepted_at<now() - interval '30 days'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- filter { kind: ADD_NOTE, status: CANCELLED, acceptedFrom, acceptedBefore }: several filters at once
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.kind='ADD_NOTE' and or1_0.status='CANCELLED'
      and or1_0.accepted_at>=now() - interval '60 days' and or1_0.accepted_at<now() - interval '30 days'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 21 rows only;

-- attempts of a page of 20 operations (one query for the page)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :attempt_cols from delivery_attempt ar1_0
    where ar1_0.operation_id in (:page_in) order by ar1_0.operation_id,ar1_0.attempt_no;

-- deliveryStatus: counts per status, each capped at 10,000 (10,001 rows read at most), one statement per status;
-- DELIVERED reaches the cap, QUEUED does not
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select count(*) from (select or1_0.id from operation or1_0
    where or1_0.status='DELIVERED' order by or1_0.accepted_at desc,or1_0.id desc fetch first 10001 rows only)
    capped1_0(counted);
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select count(*) from (select or1_0.id from operation or1_0
    where or1_0.status='QUEUED' order by or1_0.accepted_at desc,or1_0.id desc fetch first 10001 rows only)
    capped1_0(counted);

-- deliveryStatus and the gauge: the oldest operation still owed to Kustomer
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select or1_0.accepted_at from operation or1_0
    where or1_0.status in ('QUEUED','IN_FLIGHT','RETRYING','RETRYING') order by or1_0.seq fetch first 1 rows only;

-- the backlog gauge (5,000 pending of 1,000,000)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select count(*) from operation or1_0
    where or1_0.status in ('QUEUED','IN_FLIGHT','RETRYING','RETRYING');

-- replayFailedOperations: a batch of 200 failed operations of a resource type's filter
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select :cols from operation or1_0
    where or1_0.kind='CREATE_KLASS' and or1_0.status='FAILED'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 200 rows only;

-- retention: one batch of 500 delivered or cancelled operations older than 30 days, chosen and locked, then deleted
-- (rolled back)
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select or1_0.id from operation or1_0
    where or1_0.status in ('DELIVERED','CANCELLED') and or1_0.accepted_at<now() - interval '30 days'
    fetch first 500 rows only for no key update of or1_0 skip locked;
SELECT string_agg(quote_literal(id::text), ',') AS purge_in FROM (select or1_0.id from operation or1_0
    where or1_0.status in ('DELIVERED','CANCELLED') and or1_0.accepted_at<now() - interval '30 days'
    fetch first 500 rows only for no key update of or1_0 skip locked) batch \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) delete from operation or1_0 where or1_0.id in (:purge_in);
ROLLBACK;

-- operationCount (the console's replay confirmation): failed operations of a resource type, capped at 10,000
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select count(*) from (select or1_0.id from operation or1_0
    where or1_0.kind='CREATE_KLASS' and or1_0.status='FAILED'
    order by or1_0.accepted_at desc,or1_0.id desc fetch first 10001 rows only) capped1_0(counted);

-- operationCount with no filter: stops at 10,001 rows
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) select count(*) from (select or1_0.id from operation or1_0
    order by or1_0.seq fetch first 10001 rows only) capped1_0(counted);

-- deliveryActivity: the last hour per minute (about 460 operations accepted and settled in it here)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
select s1_0.minute,sum(s1_0.accepted),sum(s1_0.delivered),sum(s1_0.failed)
from (select cast(floor((extract(epoch from or1_0.accepted_at)/60)) as bigint),count(*),0,0
      from operation or1_0
      where or1_0.accepted_at>=date_trunc('minute', now()) - interval '59 minutes'
        and or1_0.accepted_at<date_trunc('minute', now()) + interval '1 minute'
      group by cast(floor((extract(epoch from or1_0.accepted_at)/60)) as bigint)
      union all
      select cast(floor((extract(epoch from or2_0.updated_at)/60)) as bigint),0,
             count(*) filter (where or2_0.status='DELIVERED'),count(*) filter (where or2_0.status='FAILED')
      from operation or2_0
      where or2_0.status in ('DELIVERED','FAILED')
        and or2_0.updated_at>=date_trunc('minute', now()) - interval '59 minutes'
        and or2_0.updated_at<date_trunc('minute', now()) + interval '1 minute'
      group by cast(floor((extract(epoch from or2_0.updated_at)/60)) as bigint)) s1_0(minute,accepted,delivered,failed)
group by s1_0.minute order by s1_0.minute;
