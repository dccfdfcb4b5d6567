using System.Text.RegularExpressions;

namespace BillingOne.Ingestion.Domain;

public enum SuppressionPatternType
{
    /// <summary>Whole-value match; <c>*</c> is any run of characters, <c>?</c> exactly one.</summary>
    Glob,

    /// <summary>.NET regular expression, matched anywhere in the value (anchor with ^ and $ for whole values).</summary>
    Regex,
}

public enum SuppressionTarget
{
    /// <summary>The asset's external id (the "Asset ID" users see).</summary>
    AssetId,
    Source,
    Description,
}

/// <summary>
/// An ingest suppression: readings whose target field matches the pattern (case-insensitively) are dropped at
/// ingest, so neither an asset row nor raw data is ever stored for them.
/// </summary>
public sealed class SuppressionRule
{
    public const int MaxPatternLength = 500;
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Bounds one regex evaluation so that a pathological pattern cannot stall ingestion; a timed-out rule counts
    /// as not matching (the reading is kept rather than lost).
    /// </summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex? _regex;

    private SuppressionRule(
        Guid id, string pattern, SuppressionPatternType type, SuppressionTarget target, string? reason,
        DateTimeOffset createdAt, Regex? regex)
    {
        Id = id;
        Pattern = pattern;
        Type = type;
        Target = target;
        Reason = reason;
        CreatedAt = createdAt;
        _regex = regex;
    }

    public Guid Id { get; }
    public string Pattern { get; }
    public SuppressionPatternType Type { get; }
    public SuppressionTarget Target { get; }
    public string? Reason { get; }
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// A rule, or null with the reason it is not acceptable (empty or overlong pattern, invalid regex, overlong
    /// reason). Also used when loading stored rules, so a rule that is stored always compiles.
    /// </summary>
    public static SuppressionRule? Create(
        Guid id,
        string? pattern,
        SuppressionPatternType type,
        SuppressionTarget target,
        string? reason,
        DateTimeOffset createdAt,
        out string? error,
        TimeSpan? matchTimeout = null)
    {
        var trimmedPattern = pattern?.Trim();
        var trimmedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        error = null;
        if (string.IsNullOrEmpty(trimmedPattern))
        {
            error = "Pattern is required.";
        }
        else if (trimmedPattern.Length > MaxPatternLength)
        {
            error = $"Pattern must be at most {MaxPatternLength} characters.";
        }
        else if (!Enum.IsDefined(type))
        {
            error = "Type must be glob or regex.";
        }
        else if (!Enum.IsDefined(target))
        {
            error = "Target must be assetId, source or description.";
        }
        else if (trimmedReason is { Length: > MaxReasonLength })
        {
            error = $"Reason must be at most {MaxReasonLength} characters.";
        }
        if (error is not null)
        {
            return null;
        }

        Regex? regex = null;
        if (type == SuppressionPatternType.Regex)
        {
            try
            {
                regex = new Regex(
                    trimmedPattern!,
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                    matchTimeout ?? DefaultMatchTimeout);
            }
            catch (ArgumentException invalid)
            {
                error = $"Pattern is not a valid regular expression: {invalid.Message}";
                return null;
            }
        }
        return new SuppressionRule(
            id, trimmedPattern!, type, target, trimmedReason, createdAt.ToUniversalTime(), regex);
    }

    /// <summary>Whether the reading's target field matches; a missing description never matches.</summary>
    /// <exception cref="RegexMatchTimeoutException">The regex ran longer than its match timeout.</exception>
    internal bool Matches(UsageReading reading)
    {
        var value = Target switch
        {
            SuppressionTarget.AssetId => reading.AssetExternalId,
            SuppressionTarget.Source => reading.AssetSource,
            _ => reading.Description,
        };
        if (value is null)
        {
            return false;
        }
        return _regex?.IsMatch(value) ?? GlobMatches(Pattern, value);
    }

    /// <summary>
    /// Wildcard match without regex: greedy with a single backtrack point, so at worst proportional to
    /// pattern length × value length, whatever the pattern.
    /// </summary>
    internal static bool GlobMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        int p = 0, v = 0, lastStar = -1, valueAtLastStar = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                lastStar = p++;
                valueAtLastStar = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameLetter(pattern[p], value[v])))
            {
                p++;
                v++;
            }
            else if (lastStar >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = lastStar + 1;
                v = ++valueAtLastStar;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool SameLetter(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
