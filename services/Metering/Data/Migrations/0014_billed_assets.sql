-- The assets a bucket's billing line counted: bound to the bucket, enabled and not disregarded when the run priced it.
-- Late readings correct a finalized line over these assets (and assets whose every reading of the period came after
-- it), not over the bindings of the day of the correction: an asset disregarded or unbound since stays billed as it
-- was, and one bound since does not bring its earlier readings into a closed month.
CREATE TABLE billing_reading_assets (
    org_id    uuid NOT NULL,
    line_id   uuid NOT NULL,
    asset_id  uuid NOT NULL,
    PRIMARY KEY (org_id, line_id, asset_id),
    FOREIGN KEY (org_id, line_id) REFERENCES billing_readings (org_id, id) ON DELETE CASCADE
);

-- Lines written before this table existed: the bindings of today are the best record there is of what they counted.
INSERT INTO billing_reading_assets (org_id, line_id, asset_id)
SELECT f.org_id, f.id, ba.asset_id
FROM billing_readings f
JOIN bucket_assets ba ON ba.org_id = f.org_id AND ba.bucket_id = f.bucket_id
JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
WHERE f.kind = 'reading' AND a.enabled AND a.disregarded_at IS NULL;
