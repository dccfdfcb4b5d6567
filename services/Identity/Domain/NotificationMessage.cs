using System.Globalization;
using BillingOne.Contracts.Events;

namespace BillingOne.Identity.Domain;

/// <summary>
/// One thing to tell the organization's people: the bell entry and the mail say the same. <see cref="ClientId"/> names
/// the client it is about, so a session scoped to another client does not show it; <see cref="Link"/> is the web app's
/// page that shows more (relative to the app's root).
/// </summary>
public sealed record NotificationMessage(
    Guid OrgId,
    string Event,
    string Title,
    string Body,
    Guid? ClientId,
    string Link,
    DateTimeOffset OccurredAt)
{
    /// <summary>Names the integration as people know it (NinjaOne, not ninjaone or rmm), by the key only when the
    /// publisher did not say.</summary>
    public static NotificationMessage From(SyncFailed failed)
    {
        var integration = string.IsNullOrWhiteSpace(failed.IntegrationName) ? failed.Integration : failed.IntegrationName;
        return new(failed.OrgId, NotificationEvents.SyncFailed, $"Sync failed: {integration}",
            $"The {integration} sync failed at {Stamp(failed.FailedAt)}. {failed.Error}",
            null, "settings/integrations", failed.FailedAt);
    }

    public static NotificationMessage From(BillingRunCompleted run) => new(run.OrgId, NotificationEvents.BillingRunFinished,
        $"Billing run finished: {Month(run.Year, run.Month)}",
        $"The {run.Trigger} billing run for {Month(run.Year, run.Month)} wrote {run.Readings} billing reading(s) and " +
        $"{run.Adjustments} adjustment(s) for {run.Clients.Select(client => client.ClientId).Distinct().Count()} client(s).",
        null, "metering/billing-readings", run.CompletedAt);

    public static NotificationMessage From(BillingPeriodFinalized finalized) => new(finalized.OrgId,
        NotificationEvents.PeriodFinalized,
        $"Period finalized: {Month(finalized.Year, finalized.Month)}",
        $"Billing for {Month(finalized.Year, finalized.Month)} is final for " +
        $"{finalized.Clients.Select(client => client.ClientId).Distinct().Count()} client(s); late readings now become " +
        "adjustments of a later month.",
        null, "metering/billing-readings", finalized.FinalizedAt);

    /// <param name="clientName">The client's name from identity's copy of the clients, null when not known yet.</param>
    public static NotificationMessage From(ClientReconciled reconciled, string? clientName) => new(reconciled.OrgId,
        NotificationEvents.UnderLicensedClients,
        $"Under-licensed client found: {clientName ?? "a client"}",
        $"{clientName ?? $"Client {reconciled.ClientId}"} has {reconciled.Devices} device(s) but only " +
        $"{reconciled.DeviceLicenses} device licence(s) (variance {reconciled.Variance}).",
        reconciled.ClientId, $"reconciliation/{reconciled.ClientId}", reconciled.ReconciledAt);

    public static NotificationMessage From(BucketUsageObserved usage) => new(usage.OrgId, NotificationEvents.NewOverages,
        $"New overage: {usage.ClientName ?? "a client"}, {usage.BucketName}",
        $"{usage.BucketName} of {usage.ClientName ?? $"client {usage.ClientId}"} used " +
        $"{usage.Usage.ToString(CultureInfo.InvariantCulture)} {usage.UnitTypeKey} in {Month(usage.Year, usage.Month)}, " +
        $"beyond its commit of {usage.CommitUnits.ToString(CultureInfo.InvariantCulture)}.",
        usage.ClientId, "metering/over-under", usage.ObservedAt);

    private static string Month(int year, int month) =>
        new DateOnly(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// When an event is news worth telling. Overages and under-licensing are states that events repeat (every usage
/// observation, every comparison): a person is told when the state begins, once per <see cref="Key"/>, not on every
/// repetition; the key is forgotten when the state ends, so it can be news again.
/// </summary>
public static class NotificationTriggers
{
    /// <summary>A bucket is over its commit in a period: news once per bucket and period.</summary>
    public static bool IsOverage(BucketUsageObserved usage) => usage.Enabled && usage.Usage > usage.CommitUnits;

    public static string OverageKey(BucketUsageObserved usage) => $"overage:{usage.BucketId}:{usage.Year:D4}-{usage.Month:D2}";

    /// <summary>A client's devices outnumber its licences: news once until the client is no longer under-licensed.</summary>
    public static bool IsUnderLicensed(ClientReconciled reconciled) => reconciled.Status == "under-licensed";

    public static string UnderLicensedKey(ClientReconciled reconciled) => $"under-licensed:{reconciled.ClientId}";
}
