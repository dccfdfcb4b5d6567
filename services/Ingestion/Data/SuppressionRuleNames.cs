using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// The names pattern types and targets go by in the database and the API (<c>glob</c>, <c>asset-id</c>...), so
/// both speak the same words and a renamed enum member cannot silently change stored data.
/// </summary>
public static class SuppressionRuleNames
{
    public const string Glob = "glob";
    public const string Regex = "regex";
    public const string AssetId = "asset-id";
    public const string Source = "source";
    public const string Description = "description";

    public static string Name(this SuppressionPatternType type) => type switch
    {
        SuppressionPatternType.Glob => Glob,
        SuppressionPatternType.Regex => Regex,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown pattern type."),
    };

    public static string Name(this SuppressionTarget target) => target switch
    {
        SuppressionTarget.AssetId => AssetId,
        SuppressionTarget.Source => Source,
        SuppressionTarget.Description => Description,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown target."),
    };

    /// <summary>Reads a pattern type name, ignoring case and surrounding spaces.</summary>
    public static SuppressionPatternType? ParsePatternType(string? name) => Normalize(name) switch
    {
        Glob => SuppressionPatternType.Glob,
        Regex => SuppressionPatternType.Regex,
        _ => null,
    };

    /// <summary>Reads a target name, ignoring case and surrounding spaces.</summary>
    public static SuppressionTarget? ParseTarget(string? name) => Normalize(name) switch
    {
        AssetId => SuppressionTarget.AssetId,
        Source => SuppressionTarget.Source,
        Description => SuppressionTarget.Description,
        _ => null,
    };

    private static string? Normalize(string? name) => name?.Trim().ToLowerInvariant();
}
