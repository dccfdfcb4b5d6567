namespace BillingOne.Metering.Domain;

/// <summary>How a bucket turns each bound asset's readings in a period into that asset's usage.</summary>
public enum Aggregation
{
    /// <summary>Total of the readings (e.g. GB transferred).</summary>
    Sum,

    /// <summary>Peak reading (e.g. highest storage used).</summary>
    Max,

    /// <summary>Arithmetic mean of the readings.</summary>
    Avg,

    /// <summary>The reading with the latest observed_at (e.g. a licence count snapshot).</summary>
    Last,

    /// <summary>1 for every asset that reported at least once: the bucket counts reporting assets.</summary>
    Count,
}

/// <summary>The API spells aggregations in lower case (<c>"sum"</c>, <c>"max"</c>…); this maps both ways.</summary>
public static class AggregationNames
{
    /// <summary>Accepted names, for error messages and OpenAPI descriptions.</summary>
    public static readonly IReadOnlyList<string> All = ["sum", "max", "avg", "last", "count"];

    /// <summary>
    /// Parses an API name, ignoring case. Unlike <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
    /// it rejects numbers ("2") and the enum's C# spelling is not part of the contract.
    /// </summary>
    public static bool TryParse(string? name, out Aggregation aggregation)
    {
        Aggregation? parsed = name?.ToLowerInvariant() switch
        {
            "sum" => Aggregation.Sum,
            "max" => Aggregation.Max,
            "avg" => Aggregation.Avg,
            "last" => Aggregation.Last,
            "count" => Aggregation.Count,
            _ => null,
        };
        aggregation = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <exception cref="FormatException">The name is not one of <see cref="All"/>.</exception>
    public static Aggregation Parse(string? name) =>
        TryParse(name, out var aggregation)
            ? aggregation
            : throw new FormatException(
                $"Unknown aggregation '{name}'. Expected one of: {string.Join(", ", All)}.");

    public static string ToApiName(this Aggregation aggregation) => aggregation switch
    {
        Aggregation.Sum => "sum",
        Aggregation.Max => "max",
        Aggregation.Avg => "avg",
        Aggregation.Last => "last",
        Aggregation.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };
}
