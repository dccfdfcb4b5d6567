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

    /// <summary>Rules an organization may have: every reading of every call is matched against each of them.</summary>
    public const int MaxPerOrganization = 100;

    /// <summary>
    /// Bounds one evaluation of a regex rule stored before regex rules had to run in linear time, which the linear
    /// engine cannot run (see <see cref="Create"/>); such a rule that times out rejects the reading.
    /// </summary>
    public static readonly TimeSpan LegacyMatchTimeout = TimeSpan.FromMilliseconds(100);

    private const RegexOptions MatchOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

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
    /// A rule, or null with the reason it is not acceptable (empty, overlong or control characters in the pattern,
    /// invalid regex or one that cannot run in linear time, overlong reason or control characters in it). Regex rules
    /// run on the <see cref="RegexOptions.NonBacktracking"/> engine: time linear in the value, whatever the pattern,
    /// so no evaluation can time out and let a reading through.
    /// </summary>
    /// <param name="storedRuleTimeout">
    /// Null for a new rule. For a rule loaded from storage (<see cref="LegacyMatchTimeout"/>): rules stored before the
    /// checks above existed must still load, so control characters are let through and a regex the linear engine
    /// cannot run (backreferences, lookarounds...) keeps the backtracking engine, bounded by this timeout.
    /// </param>
    public static SuppressionRule? Create(
        Guid id,
        string? pattern,
        SuppressionPatternType type,
        SuppressionTarget target,
        string? reason,
        DateTimeOffset createdAt,
        out string? error,
        TimeSpan? storedRuleTimeout = null)
    {
        var isNew = storedRuleTimeout is null;
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
        else if (isNew && trimmedPattern.AsSpan().ContainsAny(ControlCharacters.All))
        {
            error = "Pattern must not contain control characters.";
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
        else if (isNew && trimmedReason is not null
            && trimmedReason.AsSpan().ContainsAny(ControlCharacters.ButLineBreaksAndTabs))
        {
            error = "Reason must not contain control characters other than tabs and line breaks.";
        }
        if (error is not null)
        {
            return null;
        }

        Regex? regex = null;
        if (type == SuppressionPatternType.Regex
            && (regex = CompileRegex(trimmedPattern!, storedRuleTimeout, out error)) is null)
        {
            return null;
        }
        return new SuppressionRule(
            id, trimmedPattern!, type, target, trimmedReason, createdAt.ToUniversalTime(), regex);
    }

    private static Regex? CompileRegex(string pattern, TimeSpan? storedRuleTimeout, out string? error)
    {
        error = null;
        try
        {
            // No timeout: the linear engine's cost is bounded by the value, and values are short.
            return new Regex(pattern, MatchOptions | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (ArgumentException invalid)
        {
            error = $"Pattern is not a valid regular expression: {invalid.Message}";
            return null;
        }
        catch (NotSupportedException) when (storedRuleTimeout is not null)
        {
            return new Regex(pattern, MatchOptions, storedRuleTimeout.Value);
        }
        catch (NotSupportedException unsupported)
        {
            error = "Pattern cannot be matched in linear time (backreferences, lookarounds, atomic groups and " +
                $"conditionals are not supported, nor patterns too large once repetitions are expanded): {unsupported.Message}";
            return null;
        }
    }

    /// <summary>Whether the reading's target field matches; a missing description never matches.</summary>
    /// <exception cref="RegexMatchTimeoutException">A legacy backtracking rule ran longer than its timeout.</exception>
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
