using System.Text.RegularExpressions;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// Which suppression rule, if any, drops a reading. <see cref="TimedOut"/> lists regex rules that could not be
/// evaluated in time; they did not suppress the reading and are worth a warning in the log.
/// </summary>
public sealed record SuppressionMatch(SuppressionRule? Rule, IReadOnlyList<SuppressionRule> TimedOut)
{
    public bool IsSuppressed => Rule is not null;
}

/// <summary>
/// Evaluates an organization's suppression rules, oldest first, so that the rule credited with a drop is
/// stable from call to call (counts per rule stay meaningful when rules overlap).
/// </summary>
public sealed class SuppressionMatcher
{
    private readonly SuppressionRule[] _rules;

    public SuppressionMatcher(IEnumerable<SuppressionRule> rules) =>
        _rules = rules.OrderBy(rule => rule.CreatedAt).ThenBy(rule => rule.Id).ToArray();

    public SuppressionMatch Match(UsageReading reading)
    {
        List<SuppressionRule>? timedOut = null;
        foreach (var rule in _rules)
        {
            try
            {
                if (rule.Matches(reading))
                {
                    return new SuppressionMatch(rule, timedOut ?? []);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                (timedOut ??= []).Add(rule);
            }
        }
        return new SuppressionMatch(null, timedOut ?? []);
    }
}
