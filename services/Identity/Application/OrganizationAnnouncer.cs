using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Identity.Data;

namespace BillingOne.Identity.Application;

/// <summary>
/// Announces the settings of organizations no <c>OrganizationChanged</c> has carried yet — created since the last
/// pass, or from before the event existed — at start and every <see cref="Interval"/>; a change made through the
/// organization API is announced in its own transaction and needs no pass.
/// </summary>
public sealed partial class OrganizationAnnouncer(
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<OrganizationAnnouncer> logger) : PeriodicWorker(timeProvider)
{
    private const int PerPass = 500;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<OrganizationStore>();
        int announced;
        do
        {
            announced = await organizations.AnnounceUnannouncedAsync(PerPass, cancellationToken);
            if (announced > 0)
            {
                LogAnnounced(announced);
            }
        }
        while (announced == PerPass);
    }

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced the settings of {Count} organizations")]
    private partial void LogAnnounced(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organizations could not be announced; the next pass tries again")]
    private partial void LogPassFailed(Exception exception);
}
