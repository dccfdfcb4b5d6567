namespace BillingOne.Web.Api;

/// <summary>The bell, the notifications page, and Settings → Email notifications and In-app notifications.</summary>
public sealed partial class GatewayClient
{
    public const string MyNotificationsPath = $"{MePath}/notifications";
    public const string SmtpSettingsPath = $"{OrganizationPath}/smtp";

    public Task<NotificationPage> GetMyNotificationsAsync(int page, bool unreadOnly, CancellationToken cancellationToken) =>
        Get<NotificationPage>(ApiQuery.Build(MyNotificationsPath, ("page", page), ("pageSize", NotificationPage.Size),
            ("unreadOnly", unreadOnly ? "true" : null)), cancellationToken);

    public Task<UnreadNotifications> CountMyUnreadNotificationsAsync(CancellationToken cancellationToken) =>
        Get<UnreadNotifications>($"{MyNotificationsPath}/unread-count", cancellationToken);

    public Task MarkMyNotificationReadAsync(Guid id, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{MyNotificationsPath}/{id}/read"),
            cancellationToken);

    public Task MarkAllMyNotificationsReadAsync(CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{MyNotificationsPath}/read-all"),
            cancellationToken);

    public Task<NotificationRules> GetNotificationRulesAsync(string channel, CancellationToken cancellationToken) =>
        Get<NotificationRules>($"{OrganizationPath}/notifications/{channel}", cancellationToken);

    public Task<NotificationRules> SaveNotificationRulesAsync(string channel, SaveNotificationRulesRequest rules,
        CancellationToken cancellationToken) =>
        Send<NotificationRules>(HttpMethod.Put, $"{OrganizationPath}/notifications/{channel}", rules, cancellationToken);

    public Task<SmtpSettings> GetSmtpSettingsAsync(CancellationToken cancellationToken) =>
        Get<SmtpSettings>(SmtpSettingsPath, cancellationToken);

    public Task<SmtpSettings> SaveSmtpSettingsAsync(SaveSmtpSettingsRequest settings, CancellationToken cancellationToken) =>
        Send<SmtpSettings>(HttpMethod.Put, SmtpSettingsPath, settings, cancellationToken);

    /// <summary>Sends a test mail through the saved mail server now: it may wait on the server's 30 s timeouts.</summary>
    public Task<SmtpTestMail> SendSmtpTestMailAsync(CancellationToken cancellationToken) =>
        SendAsync<SmtpTestMail>(() => new HttpRequestMessage(HttpMethod.Post, $"{SmtpSettingsPath}/test")
            .WaitingOnVendor(SmtpTestMailTimeout), cancellationToken);

    private static readonly TimeSpan SmtpTestMailTimeout = TimeSpan.FromMinutes(2);
}
