using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Subscription.Data;

namespace BillingOne.Subscription.Licensing;

/// <summary>
/// Publishes the licence figures that time alone moves: a subscription whose start or end date has been reached, a
/// new month in the MRR history. Every change (a sync, a mapping, a catalog override) publishes its own figures at
/// once; this pass, every <see cref="Interval"/>, catches the calendar. Every replica runs it: recomputations of an
/// organization take turns and publish only what moved, so a second pass publishes nothing.
/// </summary>
public sealed partial class ClientLicenseCalendarWorker(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ClientLicenseCalendarWorker> logger) : PeriodicWorker(clock)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    // The service has just published whatever its start-up changes moved.
    protected override bool PassAtStart => false;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RefreshAllAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>One pass over every organization; one organization's failure does not hold up the others.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ClientLicenseStore>();
        var published = 0;
        foreach (var orgId in await store.PublishedOrganizationsAsync(cancellationToken))
        {
            try
            {
                var moved = await store.RefreshOrganizationAsync(orgId, cancellationToken);
                if (moved > 0)
                {
                    LogPublished(moved, orgId);
                }
                published += moved;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOrganizationFailed(exception, orgId);
            }
        }
        return published;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Licence figures of {Clients} clients of organization {OrgId} moved with the calendar and were published")]
    private partial void LogPublished(int clients, Guid orgId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Licence figures of organization {OrgId} could not be refreshed")]
    private partial void LogOrganizationFailed(Exception exception, Guid orgId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The licence calendar pass failed; the next pass tries again")]
    private partial void LogPassFailed(Exception exception);
}
