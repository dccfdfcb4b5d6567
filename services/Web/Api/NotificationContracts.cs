namespace BillingOne.Web.Api;

// The identity service's notifications:
//   GET  api/identity/me/notifications?page=&pageSize=&unreadOnly=        -> NotificationPage
//   GET  api/identity/me/notifications/unread-count                       -> UnreadNotifications
//   POST api/identity/me/notifications/{id}/read                          -> 204 (404 when not the user's)
//   POST api/identity/me/notifications/read-all                           -> 204
//   GET  api/identity/organization/notifications/{email|in-app}           -> NotificationRules
//   PUT  api/identity/organization/notifications/{email|in-app}  SaveNotificationRulesRequest -> NotificationRules
//        (400 with errors keyed `rules[i].member`)
//   GET  api/identity/organization/smtp                                   -> SmtpSettings
//   PUT  api/identity/organization/smtp   SaveSmtpSettingsRequest         -> SmtpSettings (400 keyed by member)
//   POST api/identity/organization/smtp/test                              -> SmtpTestMail (502 with the server's error,
//        409 without a saved server)

public sealed record AppNotification(Guid Id, string Event, string Title, string Body, Guid? ClientId, string Link,
    DateTimeOffset OccurredAt, DateTimeOffset? ReadAt);

/// <summary>One page of the user's notifications, with the unread count of all of them.</summary>
public sealed record NotificationPage(IReadOnlyList<AppNotification> Items, int Page, int PageSize, long TotalCount,
    long Unread)
{
    public const int Size = 20;

    public int PageCount => (int)((TotalCount + PageSize - 1) / Math.Max(PageSize, 1));
}

public sealed record UnreadNotifications(long Unread);

public static class NotificationChannel
{
    public const string Email = "email";
    public const string InApp = "in-app";
}

public sealed record NotificationRuleView(string Event, string Label, bool Enabled, IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> UserIds);

public sealed record NotificationRecipient(Guid Id, string Name, string Email, string Role);

public sealed record NotificationRules(string Channel, IReadOnlyList<NotificationRuleView> Rules,
    IReadOnlyList<NotificationRecipient> Users);

public sealed record NotificationRuleChange(string Event, bool Enabled, IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> UserIds);

public sealed record SaveNotificationRulesRequest(IReadOnlyList<NotificationRuleChange> Rules);

public sealed record SmtpSettings(bool Configured, string? Host, int? Port, string? TlsMode, string? UserName,
    bool PasswordSet, string? FromAddress);

/// <summary>A test mail the saved mail server took, sent to the signed-in user.</summary>
public sealed record SmtpTestMail(bool Sent, string ToAddress, string Server, string Detail);

/// <summary>A null <see cref="Password"/> keeps the saved one; an empty one removes it.</summary>
public sealed record SaveSmtpSettingsRequest(string? Host, int? Port, string? TlsMode, string? UserName,
    string? Password, string? FromAddress);
