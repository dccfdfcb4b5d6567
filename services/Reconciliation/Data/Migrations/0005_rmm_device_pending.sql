-- NinjaOne lists devices whose agent is installed but not yet approved by a technician: they are kept live with state
-- 'pending' (shown in the device list) and left out of every device count until they are approved.
ALTER TABLE rmm_devices DROP CONSTRAINT rmm_devices_state_check;
ALTER TABLE rmm_devices ADD CONSTRAINT rmm_devices_state_check
    CHECK (state IN ('online', 'offline', 'pending', 'retired'));
