-- The retention purge (Data/NotificationPurges.cs) finds expired notifications and finished mails by age.
CREATE INDEX ix_notifications_created ON notifications (created_at);
CREATE INDEX ix_notification_mails_finished ON notification_mails ((COALESCE(sent_at, created_at)))
    WHERE status <> 'pending';
