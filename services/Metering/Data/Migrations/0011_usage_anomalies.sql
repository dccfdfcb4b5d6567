-- Usage anomalies are computed in the background (UsageAnomalyScanner) and stored, so the list answers from a small
-- table instead of reading a month of raw readings per request. One scan record per organization: the examined day
-- (the last complete UTC day) and when its anomalies were computed; a scan replaces the organization's rows.
CREATE TABLE usage_anomaly_scans (
    org_id        uuid        NOT NULL PRIMARY KEY,
    examined_day  date        NOT NULL,
    scanned_at    timestamptz NOT NULL
);

-- The anomaly of one asset on one bucket found by the organization's latest scan, with the figures as the rules
-- computed them (quantities already to the unit type's precision, the impact rounded once). Names are read from the
-- assets, buckets and clients, so a rename shows before the next scan; a deleted bucket or asset takes its rows along.
CREATE TABLE usage_anomalies (
    org_id            uuid    NOT NULL,
    asset_id          uuid    NOT NULL,
    bucket_id         uuid    NOT NULL,
    kind              text    NOT NULL CHECK (kind IN ('spike', 'silent')),
    -- Spike: the examined day. Silent: the first day without readings.
    day               date    NOT NULL,
    expected          numeric NOT NULL,
    observed          numeric NOT NULL,
    estimated_impact  numeric NOT NULL,
    currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    explanation       text    NOT NULL,
    -- The rules find at most one anomaly per asset and bucket in a scan.
    PRIMARY KEY (org_id, asset_id, bucket_id),
    FOREIGN KEY (org_id) REFERENCES usage_anomaly_scans (org_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, bucket_id) REFERENCES buckets (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, asset_id) REFERENCES assets (org_id, id) ON DELETE CASCADE
);

-- Lists read an organization's rows largest impact first.
CREATE INDEX ix_usage_anomalies_org_impact ON usage_anomalies (org_id, estimated_impact DESC);
-- The bucket foreign key's deletes look rows up by bucket.
CREATE INDEX ix_usage_anomalies_org_bucket ON usage_anomalies (org_id, bucket_id);
