using System.Text.RegularExpressions;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// Which suppression rule, if any, drops a reading. <see cref="Unevaluated"/> is a legacy backtracking rule that could
/// not be evaluated in time when no rule suppressed the reading: it might have, so the reading must not be kept.
/// </summary>
public sealed record SuppressionMatch(SuppressionRule? Rule, SuppressionRule? Unevaluated = null)
{
    public bool IsSuppressed => Rule is not null;
}

/// <summary>
/// Evaluates an organization's suppression rules for one ingest call, oldest first, so that the rule credited with a
/// drop is stable from call to call (counts per rule stay meaningful when rules overlap). A legacy rule that timed out
/// once is not evaluated again in the call: it would cost its timeout on every reading.
/// </summary>
public sealed class SuppressionMatcher
{
    private readonly SuppressionRule[] _rules;
    private readonly HashSet<SuppressionRule> _timedOut = [];

    public SuppressionMatcher(IEnumerable<SuppressionRule> rules) =>
        _rules = rules.OrderBy(rule => rule.CreatedAt).ThenBy(rule => rule.Id).ToArray();

    public SuppressionMatch Match(UsageReading reading)
    {
        SuppressionRule? unevaluated = null;
        foreach (var rule in _rules)
        {
            if (_timedOut.Contains(rule))
            {
                unevaluated ??= rule;
                continue;
            }
            try
            {
                if (rule.Matches(reading))
                {
                    return new SuppressionMatch(rule);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                _timedOut.Add(rule);
                unevaluated ??= rule;
            }
        }
        return new SuppressionMatch(null, unevaluated);
    }
}
