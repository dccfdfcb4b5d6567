-- Vendor webhooks queue syncs of just the records they name: trigger 'webhook-triggered' and a scope.
ALTER TABLE sync_runs DROP CONSTRAINT IF EXISTS sync_runs_trigger_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_trigger_check
    CHECK (trigger IN ('manual', 'scheduled', 'sync-all', 'onboarding', 'webhook-triggered'));
-- The records a run reads ({"resources": [{"resourceType", "resourceId"}]}); NULL: everything (a full sync).
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS scope jsonb NULL;
-- Changes notified while the run was already running (it may have read those records before they changed): when it
-- finishes, one scoped run is queued for them. {"everything": true} asks for a full follow-up run.
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS follow_up_scope jsonb NULL;
