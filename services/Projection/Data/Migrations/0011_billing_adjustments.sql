-- The adjustment lines of clients' finalized months (ClientBillingFinalized): what late readings changed in an earlier
-- finalized month's bill, booked (and invoiced) on the month of the run that made them. Their figures are differences
-- of rounded lines; the cost is base + overage. The Over/Under screen and the reports fold them into the bucket's line
-- of the booked month (FinalBucketLines), which also says whose they are, so a month's figures are what metering billed
-- for it. A rebuild empties and replays them.
CREATE TABLE billing_adjustments (
    org_id         uuid    NOT NULL,
    bucket_id      uuid    NOT NULL,
    -- The month the adjustment is booked on.
    year           integer NOT NULL,
    month          integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    -- The finalized month it corrects.
    original_year  integer NOT NULL,
    original_month integer NOT NULL CHECK (original_month BETWEEN 1 AND 12),
    currency       text    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    usage          numeric NOT NULL,
    -- The corrected month's commit, which the adjustment was priced with.
    commit_units   numeric NOT NULL,
    base           numeric NOT NULL,
    overage        numeric NOT NULL,
    PRIMARY KEY (org_id, bucket_id, year, month, original_year, original_month),
    CHECK ((original_year, original_month) < (year, month))
);

-- The adjustments of the months finalized before this table existed are in the event log the consumer already kept.
-- The consumer did not check then that an adjustment names an earlier month; one that does not corrects nothing.
INSERT INTO billing_adjustments (org_id, bucket_id, year, month, original_year, original_month, currency, usage,
    commit_units, base, overage)
SELECT e.org_id, (line->>'bucketId')::uuid, (e.payload->>'year')::int, (e.payload->>'month')::int,
       (line->>'originalYear')::int, (line->>'originalMonth')::int, e.payload->>'currency', (line->>'usage')::numeric, (line->>'commitUnits')::numeric, (line->>'base')::numeric,
       (line->>'overage')::numeric
FROM projection_event_log e
CROSS JOIN LATERAL jsonb_array_elements(e.payload->'lines') AS line
WHERE e.event_type = 'ClientBillingFinalized' AND line->>'kind' = 'adjustment'
  AND (line->>'originalMonth')::int BETWEEN 1 AND 12
  AND ((line->>'originalYear')::int, (line->>'originalMonth')::int)
      < ((e.payload->>'year')::int, (e.payload->>'month')::int)
  AND NOT EXISTS (SELECT 1 FROM removed_buckets r
                  WHERE r.org_id = e.org_id AND r.bucket_id = (line->>'bucketId')::uuid)
ON CONFLICT DO NOTHING;
