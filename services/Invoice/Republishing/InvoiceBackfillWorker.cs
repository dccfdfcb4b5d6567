using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Invoice.Data;

namespace BillingOne.Invoice.Republishing;

/// <summary>
/// At start-up, announces the invoices of every organization the upgrade queued (<c>invoice_republish_backlog</c>), one
/// organization per transaction. Once the backlog is empty it stops: later invoices are announced as they are stored.
/// Runs in every replica; the backlog's row locks keep them off each other's organizations.
/// </summary>
public sealed partial class InvoiceBackfillWorker(
    IServiceScopeFactory scopes,
    InvoiceRepublication republication,
    TimeProvider clock,
    ILogger<InvoiceBackfillWorker> logger) : PeriodicWorker(clock)
{
    /// <summary>How long a failed pass (the database unreachable) waits before the organizations left are tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    protected override TimeSpan Interval => RetryDelay;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        StopAfterThisPass();
    }

    // An organization's transaction rolled back: it stays in the backlog for the next pass.
    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>Announces the invoices of every organization left in the backlog; how many organizations.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var organizations = 0;
        while (await republication.BackfillNextAsync(audit, cancellationToken) is { } backfilled)
        {
            LogBackfilled(backfilled.OrgId, backfilled.Invoices);
            organizations++;
        }
        return organizations;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Announced the {Invoices} stored invoices of organization {OrgId} once after the upgrade")]
    private partial void LogBackfilled(Guid orgId, int invoices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice backfill pass failed; the organizations left are tried again")]
    private partial void LogPassFailed(Exception exception);
}
