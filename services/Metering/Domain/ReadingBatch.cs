using BillingOne.Contracts.Events;

namespace BillingOne.Metering.Domain;

/// <summary>
/// An asset as one batch of readings saw it: when it first and last reported in the batch, and the description of
/// its latest reading that carried one (<see cref="DescribedAt"/> is that reading's time).
/// </summary>
public sealed record ObservedAsset(
    string Source,
    string ExternalId,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    string? Description,
    DateTimeOffset? DescribedAt);

/// <summary>
/// A batch of accepted readings prepared for storage: the distinct assets it mentions and the calendar months
/// (UTC, the raw readings' partitions) its readings fall in.
/// </summary>
public sealed class ReadingBatch
{
    /// <summary>The asset columns' limit in the database.</summary>
    public const int MaxAssetFieldLength = 256;

    /// <summary>numeric(20,6) holds 14 integer digits.</summary>
    public const decimal MaxQuantity = 99_999_999_999_999.999999m;

    private ReadingBatch(IReadOnlyList<AcceptedReading> readings, IReadOnlyList<ObservedAsset> assets,
        IReadOnlyList<DateTimeOffset> months)
    {
        Readings = readings;
        Assets = assets;
        Months = months;
    }

    public IReadOnlyList<AcceptedReading> Readings { get; }

    /// <summary>
    /// One entry per (source, external id), ordered by both, so concurrent batches insert new assets in one order.
    /// </summary>
    public IReadOnlyList<ObservedAsset> Assets { get; }

    /// <summary>The first instant (UTC) of every calendar month a reading was observed in, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Months { get; }

    /// <summary>
    /// Prepares <paramref name="readings"/>, or returns null with the first reason they cannot be stored. Ingestion
    /// validated them already; a reading that fails here means the message itself is wrong.
    /// </summary>
    public static ReadingBatch? Create(IReadOnlyList<AcceptedReading>? readings, out string? error)
    {
        error = readings is null
            ? "The batch has no readings member."
            : readings.Select(Problem).FirstOrDefault(problem => problem is not null);
        if (error is not null)
        {
            return null;
        }

        var assets = readings!
            .GroupBy(reading => (reading.AssetSource, reading.AssetExternalId))
            .Select(Observe)
            .OrderBy(asset => asset.Source, StringComparer.Ordinal)
            .ThenBy(asset => asset.ExternalId, StringComparer.Ordinal)
            .ToList();
        var months = readings!
            .Select(reading => reading.ObservedAt.UtcDateTime)
            .Select(observed => new DateTimeOffset(observed.Year, observed.Month, 1, 0, 0, 0, TimeSpan.Zero))
            .Distinct()
            .Order()
            .ToList();
        return new ReadingBatch(readings!, assets, months);
    }

    private static ObservedAsset Observe(IGrouping<(string Source, string ExternalId), AcceptedReading> readings)
    {
        var described = readings
            .Where(reading => reading.Description is not null)
            .MaxBy(reading => reading.ObservedAt);
        return new ObservedAsset(readings.Key.Source, readings.Key.ExternalId,
            readings.Min(reading => reading.ObservedAt), readings.Max(reading => reading.ObservedAt),
            described?.Description, described?.ObservedAt);
    }

    private static string? Problem(AcceptedReading? reading, int position)
    {
        if (reading is null)
        {
            return $"Reading {position} is null.";
        }
        if (string.IsNullOrEmpty(reading.Id))
        {
            return $"Reading {position} has no id.";
        }
        if (!FitsAssetColumn(reading.AssetSource) || !FitsAssetColumn(reading.AssetExternalId))
        {
            return $"Reading '{reading.Id}' needs an asset source and external id of 1–{MaxAssetFieldLength} characters.";
        }
        if (string.IsNullOrEmpty(reading.UnitTypeKey))
        {
            return $"Reading '{reading.Id}' has no unit type key.";
        }
        if (reading.Quantity is < 0 or > MaxQuantity)
        {
            return $"Reading '{reading.Id}' has quantity {reading.Quantity}; it must be between 0 and {MaxQuantity}.";
        }
        return null;
    }

    private static bool FitsAssetColumn(string? value) => value is { Length: > 0 and <= MaxAssetFieldLength };
}
