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
        int[] assetOfReading, IReadOnlyList<DateTimeOffset> months)
    {
        Readings = readings;
        Assets = assets;
        AssetOfReading = assetOfReading;
        Months = months;
    }

    public IReadOnlyList<AcceptedReading> Readings { get; }

    /// <summary>
    /// One entry per (source, external id), in the order of each one's first reading. Storing sorts only the assets it
    /// creates, in its insert (ReadingStore), so that concurrent batches take their locks in one order.
    /// </summary>
    public IReadOnlyList<ObservedAsset> Assets { get; }

    /// <summary>For each reading, by position, the position of its asset in <see cref="Assets"/>.</summary>
    public IReadOnlyList<int> AssetOfReading { get; }

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

        // One pass over the readings (a batch holds thousands): each asset's sighting, and which asset each reading is on.
        var positions = new Dictionary<(string Source, string ExternalId), int>();
        var sightings = new List<Sighting>();
        var assetOfReading = new int[readings!.Count];
        var months = new SortedSet<DateTimeOffset>();
        // Readings mostly come in runs of one month: the set is only touched when the month changes.
        DateTimeOffset? lastMonth = null;
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (positions.TryGetValue((reading.AssetSource, reading.AssetExternalId), out var position))
            {
                sightings[position].Add(reading);
            }
            else
            {
                position = sightings.Count;
                positions.Add((reading.AssetSource, reading.AssetExternalId), position);
                sightings.Add(new Sighting(reading));
            }
            assetOfReading[i] = position;
            var observed = reading.ObservedAt.UtcDateTime;
            if (lastMonth is not { } month || observed.Year != month.Year || observed.Month != month.Month)
            {
                var start = new DateTimeOffset(observed.Year, observed.Month, 1, 0, 0, 0, TimeSpan.Zero);
                months.Add(start);
                lastMonth = start;
            }
        }

        var assets = sightings.ConvertAll(sighting => sighting.ToObservedAsset());
        return new ReadingBatch(readings, assets, assetOfReading, [.. months]);
    }

    /// <summary>An asset's readings in the batch so far: their earliest and latest time, and the latest description.</summary>
    private sealed class Sighting(AcceptedReading first)
    {
        private DateTimeOffset firstSeen = first.ObservedAt;
        private DateTimeOffset lastSeen = first.ObservedAt;
        private AcceptedReading? described = first.Description is null ? null : first;

        public string Source { get; } = first.AssetSource;

        public string ExternalId { get; } = first.AssetExternalId;

        public void Add(AcceptedReading reading)
        {
            if (reading.ObservedAt < firstSeen)
            {
                firstSeen = reading.ObservedAt;
            }
            if (reading.ObservedAt > lastSeen)
            {
                lastSeen = reading.ObservedAt;
            }
            // Of equally recent described readings, the first stays.
            if (reading.Description is not null && (described is null || reading.ObservedAt > described.ObservedAt))
            {
                described = reading;
            }
        }

        public ObservedAsset ToObservedAsset() =>
            new(Source, ExternalId, firstSeen, lastSeen, described?.Description, described?.ObservedAt);
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
