-- Notifications (Settings → Email notifications and In-app notifications, the bell, the mails).

-- Per event and channel: on or off, and to whom. No row: NotificationRule.Default (owners and admins).
CREATE TABLE notification_rules (
    org_id     uuid        NOT NULL CONSTRAINT fk_notification_rules_organization REFERENCES organizations (id),
    event      text        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('email', 'in-app')),
    enabled    boolean     NOT NULL,
    roles      text[]      NOT NULL,
    user_ids   uuid[]      NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, event, channel)
);

-- One bell entry per person told.
CREATE TABLE notifications (
    org_id      uuid        NOT NULL,
    id          uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    event       text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    -- The client it is about: a session scoped to another client does not show it.
    client_id   uuid        NULL,
    link        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ix_notifications_user ON notifications (org_id, user_id, created_at DESC, id DESC);
CREATE INDEX ix_notifications_unread ON notifications (org_id, user_id) WHERE read_at IS NULL;

-- Mails to send, written in the consumer's transaction and sent by MailDeliveryWorker: a failed send is recorded and
-- tried again later (MailRetry), never lost and never in the way of the bell entry.
CREATE TABLE notification_mails (
    org_id          uuid        NOT NULL,
    id              uuid        NOT NULL,
    to_address      text        NOT NULL,
    to_name         text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ix_notification_mails_due ON notification_mails (next_attempt_at) WHERE status = 'pending';

-- States already told about (an overage of a bucket's month, a client under-licensed): told once until they end.
CREATE TABLE notification_triggers (
    org_id     uuid        NOT NULL,
    key        text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, key)
);

-- The organization's mail server; the password is one Data Protection payload, as vendor secrets are.
CREATE TABLE smtp_settings (
    org_id             uuid        PRIMARY KEY CONSTRAINT fk_smtp_settings_organization REFERENCES organizations (id),
    host               text        NOT NULL,
    port               integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls_mode           text        NOT NULL CHECK (tls_mode IN ('none', 'starttls', 'tls')),
    user_name          text        NULL,
    protected_password text        NULL,
    from_address       text        NOT NULL,
    updated_at         timestamptz NOT NULL
);
