-- Buckets whose usage observation (BucketUsageObserved) is due: marked with the readings or bucket change that moved
-- it, taken by the debounced publisher, which deletes the marks in the transaction that publishes. One row per bucket
-- however many changes arrive, so a burst gives one observation.
CREATE TABLE bucket_observation_marks (
    org_id     uuid        NOT NULL,
    bucket_id  uuid        NOT NULL,
    -- The first unpublished change: the publisher takes a mark once it has rested for the debounce.
    marked_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, bucket_id),
    FOREIGN KEY (org_id, bucket_id) REFERENCES buckets (org_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_bucket_observation_marks_marked_at ON bucket_observation_marks (marked_at);

-- Versions of BucketUsageObserved: an observation of a bucket and period is published after the ones before it
-- (the marks serialize a bucket's observations), so a later observation always carries a larger version.
CREATE SEQUENCE bucket_observation_version;
