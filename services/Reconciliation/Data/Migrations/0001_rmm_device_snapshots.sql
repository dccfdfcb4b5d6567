-- The organization's RMM as last synced: its organizations (NinjaOne organizations, Datto RMM sites) and devices.
-- Rows the RMM no longer lists are kept with removed_at, so history and a reappearance stay visible.
CREATE TABLE rmm_organizations (
    org_id        uuid        NOT NULL,
    vendor        text        NOT NULL CHECK (vendor IN ('ninjaone', 'datto-rmm')),
    vendor_id     text        NOT NULL,
    name          text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    removed_at    timestamptz NULL,
    PRIMARY KEY (org_id, vendor, vendor_id)
);

-- A device is removed when the RMM stops listing it or lists it as retired (then state = 'retired').
CREATE TABLE rmm_devices (
    org_id                 uuid        NOT NULL,
    vendor                 text        NOT NULL CHECK (vendor IN ('ninjaone', 'datto-rmm')),
    vendor_id              text        NOT NULL,
    organization_vendor_id text        NOT NULL,
    name                   text        NOT NULL,
    kind                   text        NOT NULL CHECK (kind IN ('workstation', 'server', 'other')),
    state                  text        NOT NULL CHECK (state IN ('online', 'offline', 'retired')),
    last_seen_at           timestamptz NULL,
    first_seen_at          timestamptz NOT NULL,
    removed_at             timestamptz NULL,
    PRIMARY KEY (org_id, vendor, vendor_id),
    CHECK (state <> 'retired' OR removed_at IS NOT NULL)
);
CREATE INDEX ix_rmm_devices_organization ON rmm_devices (org_id, organization_vendor_id) WHERE removed_at IS NULL;

-- One completed device sync: the live device counts of every organization the RMM listed at that moment.
CREATE TABLE device_snapshots (
    org_id      uuid        NOT NULL,
    id          uuid        NOT NULL,
    sync_run_id uuid        NOT NULL,
    vendor      text        NOT NULL,
    taken_at    timestamptz NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ix_device_snapshots_latest ON device_snapshots (org_id, taken_at DESC, id DESC);

CREATE TABLE device_snapshot_organizations (
    org_id                 uuid    NOT NULL,
    snapshot_id            uuid    NOT NULL,
    organization_vendor_id text    NOT NULL,
    name                   text    NOT NULL,
    workstations           integer NOT NULL,
    servers                integer NOT NULL,
    other_devices          integer NOT NULL,
    PRIMARY KEY (org_id, snapshot_id, organization_vendor_id),
    FOREIGN KEY (org_id, snapshot_id) REFERENCES device_snapshots (org_id, id)
);

-- The subscription service's mappings of RMM organizations to clients (ClientMappingChanged with vendor 'rmm').
-- An unmapping keeps its row (client_id NULL) so that an older change arriving late cannot map it again.
CREATE TABLE client_mappings (
    org_id      uuid        NOT NULL,
    external_id text        NOT NULL,
    client_id   uuid        NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, external_id)
);
CREATE INDEX ix_client_mappings_client ON client_mappings (org_id, client_id) WHERE client_id IS NOT NULL;
