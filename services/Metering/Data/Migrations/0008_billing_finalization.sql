-- Finalization, late-reading adjustments and the monthly schedule of billing runs.

ALTER TABLE billing_runs
    ADD COLUMN trigger text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule'));

-- What a line was priced with and what it bills for, kept with the line: a final line must read the same after its
-- bucket is renamed, repriced or deleted, and a late reading is repriced with the final line's terms.
ALTER TABLE billing_readings
    ADD COLUMN kind            text    NOT NULL DEFAULT 'reading' CHECK (kind IN ('reading', 'adjustment')),
    ADD COLUMN bucket_name     text    NULL,
    ADD COLUMN source_type     text    NULL,
    ADD COLUMN unit_type_key   text    NULL,
    ADD COLUMN aggregation     text    NULL,
    ADD COLUMN base_price      numeric NULL,
    ADD COLUMN overage_price   numeric NULL,
    -- Adjustments only: the finalized month whose figures a late reading changed.
    ADD COLUMN original_year   integer NULL,
    ADD COLUMN original_month  integer NULL;

UPDATE billing_readings r
SET bucket_name = b.name, source_type = b.source_type, unit_type_key = ut.key, aggregation = b.aggregation,
    base_price = b.base_price, overage_price = b.overage_price
FROM buckets b JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
WHERE b.org_id = r.org_id AND b.id = r.bucket_id;
DELETE FROM billing_readings WHERE bucket_name IS NULL;

ALTER TABLE billing_readings
    ALTER COLUMN bucket_name SET NOT NULL,
    ALTER COLUMN unit_type_key SET NOT NULL,
    ALTER COLUMN aggregation SET NOT NULL,
    ALTER COLUMN base_price SET NOT NULL,
    ALTER COLUMN overage_price SET NOT NULL,
    -- An adjustment's usage is a difference: an `avg` or `last` bucket's can fall.
    DROP CONSTRAINT billing_readings_usage_check,
    ADD CONSTRAINT billing_readings_usage_check CHECK (kind = 'adjustment' OR usage >= 0),
    ADD CONSTRAINT billing_readings_original_check CHECK (
        (kind = 'reading' AND original_year IS NULL AND original_month IS NULL)
        OR (kind = 'adjustment' AND original_year IS NOT NULL AND original_month BETWEEN 1 AND 12)),
    ADD CONSTRAINT billing_readings_final_check CHECK ((status = 'final') = (finalized_at IS NOT NULL)),
    DROP CONSTRAINT billing_readings_org_id_bucket_id_period_start_key;

-- One reading per bucket and period, and one adjustment per bucket, period and corrected period.
CREATE UNIQUE INDEX ux_billing_readings_bucket_period ON billing_readings (org_id, bucket_id, period_start)
    WHERE kind = 'reading';
CREATE UNIQUE INDEX ux_billing_adjustments_bucket_period ON billing_readings
    (org_id, bucket_id, period_start, original_year, original_month) WHERE kind = 'adjustment';
CREATE INDEX ix_billing_readings_bucket_history ON billing_readings (org_id, bucket_id, period_year, period_month);

-- Final lines are what was invoiced: nobody changes or removes them, whatever role they connect with.
CREATE FUNCTION refuse_final_billing_reading_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'billing reading % of %-% is final and cannot be changed or deleted',
            OLD.id, OLD.period_year, lpad(OLD.period_month::text, 2, '0')
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER billing_readings_final_immutable BEFORE UPDATE OR DELETE ON billing_readings
    FOR EACH ROW EXECUTE FUNCTION refuse_final_billing_reading_change();

CREATE FUNCTION refuse_billing_readings_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'billing readings cannot be truncated' USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER billing_readings_no_truncate BEFORE TRUNCATE ON billing_readings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_billing_readings_truncate();

-- Late readings are rare: adjustments look for the ones received after their period was finalized here.
CREATE INDEX ix_raw_readings_late ON raw_readings (org_id, observed_at) WHERE late;

-- Each organization's billing settings; an organization without a row has the defaults.
CREATE TABLE billing_settings (
    org_id                  uuid        PRIMARY KEY,
    grace_period_days       integer     NOT NULL DEFAULT 3 CHECK (grace_period_days BETWEEN 0 AND 60),
    schedule                text        NOT NULL DEFAULT '0 6 1 * *',
    schedule_enabled        boolean     NOT NULL DEFAULT true,
    updated_at              timestamptz NOT NULL,
    updated_by              uuid        NULL
);

-- The occurrence each organization's schedule waits for (NULL: it never fires again). Replicas move it with a
-- compare-and-set, so one of them queues the occurrence's run.
CREATE TABLE billing_schedule_marks (
    org_id       uuid        PRIMARY KEY,
    next_run_at  timestamptz NULL
);
