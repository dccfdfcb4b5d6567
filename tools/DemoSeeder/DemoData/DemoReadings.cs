using System.Globalization;

namespace BillingOne.DemoSeeder.DemoData;

/// <summary>One usage reading, with the member names of the ingestion API.</summary>
public sealed record DemoReading(
    string Id,
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description);

/// <summary>
/// The daily readings of the demo assets. A reading depends only on its asset and its UTC day (id, quantity and
/// time), never on when the seeder runs: a re-run the same day sends exactly the same readings, and one on a later
/// day sends the same readings for the days both cover plus the new days.
/// </summary>
public static class DemoReadings
{
    /// <summary>Daily readings report the finished day: observed between 23:00 and 23:59 UTC.</summary>
    private static readonly TimeSpan ReportedAt = TimeSpan.FromHours(23);

    /// <summary>The readings of every demo asset for the days before <paramref name="today"/> (UTC).</summary>
    public static IEnumerable<DemoReading> For(IEnumerable<DemoAsset> assets, DateOnly today) =>
        assets.SelectMany(asset => For(asset, today));

    public static IEnumerable<DemoReading> For(DemoAsset asset, DateOnly today)
    {
        for (var daysAgo = asset.FirstDaysAgo; daysAgo >= asset.LastDaysAgo; daysAgo--)
        {
            var day = today.AddDays(-daysAgo);
            if (QuantityOn(asset, day) is { } quantity)
            {
                yield return Reading(asset, day, quantity);
            }
        }
    }

    /// <summary>The reading id: stable per asset, unit type and day, so ingestion recognises a resent reading.</summary>
    public static string IdOf(DemoAsset asset, DateOnly day) =>
        $"demo-{asset.Source}-{asset.ExternalId}-{asset.UnitTypeKey}-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The late reading of <paramref name="month"/> (its first day): a re-run backup job of
    /// <see cref="DemoAssets.LateReporter"/> on the 15th, reported only after the month was finalized. Observed at
    /// noon UTC, so it falls in that month in every client's time zone; its id is stable per month, so a re-run
    /// sends it as a duplicate.
    /// </summary>
    public static DemoReading LateFor(DateOnly month)
    {
        var asset = DemoAssets.LateReporter;
        var day = new DateOnly(month.Year, month.Month, 15);
        var quantity = QuantityOn(asset, day)
            ?? throw new InvalidOperationException($"{asset.ExternalId} reports no usage on {day:O}.");
        return new DemoReading(
            $"demo-late-{asset.Source}-{asset.ExternalId}-{asset.UnitTypeKey}-{month.ToString("yyyyMM", CultureInfo.InvariantCulture)}",
            asset.Source, asset.ExternalId, asset.UnitTypeKey, quantity,
            new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), asset.Description);
    }

    private static DemoReading Reading(DemoAsset asset, DateOnly day, decimal quantity)
    {
        var minute = (int)(Noise(asset, day, "minute") * 60);
        var observedAt = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + ReportedAt +
            TimeSpan.FromMinutes(minute);
        return new DemoReading(IdOf(asset, day), asset.Source, asset.ExternalId, asset.UnitTypeKey, quantity,
            observedAt, asset.Description);
    }

    /// <summary>The day's quantity, or null when the asset does not report that day.</summary>
    private static decimal? QuantityOn(DemoAsset asset, DateOnly day)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return asset.Kind switch
        {
            // Servers change less data at weekends; each has its own size.
            AssetKind.BackupServer => DailyVolume(asset, day, smallest: 8m, spread: 60m, weekend),
            AssetKind.Nas => DailyVolume(asset, day, smallest: 40m, spread: 160m, weekend),
            AssetKind.VirtualMachine => 24m,
            AssetKind.DevVirtualMachine => weekend ? null : Math.Round(8m + Noise(asset, day, "hours") * 4m, 2),
            AssetKind.Mailbox or AssetKind.PublicIp => 1m,
            _ => throw new ArgumentOutOfRangeException(nameof(asset), asset.Kind, "Unknown asset kind."),
        };
    }

    private static decimal DailyVolume(DemoAsset asset, DateOnly day, decimal smallest, decimal spread, bool weekend)
    {
        var size = smallest + StableNoise.Unit("size:" + asset.ExternalId) * spread;
        var variation = 0.8m + Noise(asset, day, "volume") * 0.4m;
        return Math.Round(size * variation * (weekend ? 0.5m : 1m), 2);
    }

    private static decimal Noise(DemoAsset asset, DateOnly day, string what) =>
        StableNoise.Unit(string.Create(CultureInfo.InvariantCulture, $"{what}:{asset.ExternalId}:{day:yyyy-MM-dd}"));
}
