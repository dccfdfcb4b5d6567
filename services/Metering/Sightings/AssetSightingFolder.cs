using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Sightings;

/// <summary>
/// Every <see cref="AssetSightingOptions.Interval"/>, folds what stored batches saw of their assets into the assets'
/// first and last seen and description (<see cref="AssetSightingStore"/>). Every replica runs it; folds take turns.
/// </summary>
public sealed partial class AssetSightingFolder(
    AssetSightingStore sightings,
    IOptions<AssetSightingOptions> options,
    TimeProvider timeProvider,
    ILogger<AssetSightingFolder> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => FoldAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogFoldFailed(exception);

    /// <summary>Folds every sighting recorded so far; returns how many assets changed.</summary>
    public Task<int> FoldAsync(CancellationToken cancellationToken) => sightings.FoldAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding asset sightings failed; the next pass tries again")]
    private partial void LogFoldFailed(Exception exception);
}
