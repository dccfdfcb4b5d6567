namespace BillingOne.Identity.Domain;

/// <summary>
/// What the organization's people can be told about (Settings → Email notifications and In-app notifications), as the
/// API and the stored rules spell it, each with the label the settings show.
/// </summary>
public static class NotificationEvents
{
    public const string SyncFailed = "sync-failed";
    public const string NewOverages = "new-overages";
    public const string UnderLicensedClients = "under-licensed-clients";
    public const string BillingRunFinished = "billing-run-finished";
    public const string PeriodFinalized = "period-finalized";

    public static readonly IReadOnlyList<string> All =
        [SyncFailed, NewOverages, UnderLicensedClients, BillingRunFinished, PeriodFinalized];

    public static string Label(string notificationEvent) => notificationEvent switch
    {
        SyncFailed => "Sync failed",
        NewOverages => "New overages",
        UnderLicensedClients => "Under-licensed clients found",
        BillingRunFinished => "Billing run finished",
        PeriodFinalized => "Period finalized",
        _ => notificationEvent,
    };
}

/// <summary>How a notification reaches a person: a mail, or the bell in the web app's header.</summary>
public static class NotificationChannels
{
    public const string Email = "email";
    public const string InApp = "in-app";

    public static readonly IReadOnlyList<string> All = [Email, InApp];
}
