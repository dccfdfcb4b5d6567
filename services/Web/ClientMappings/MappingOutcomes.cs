using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.ClientMappings;

/// <summary>What a bulk mapping change did, in words: counts per outcome, and why any item was refused.</summary>
public static class MappingOutcomes
{
    /// <param name="change">What was asked, e.g. "Apply".</param>
    public static string Describe(string change, MappingResults answer)
    {
        if (answer.Results.Count == 0)
        {
            return $"{change}: nothing to do.";
        }

        var counts = answer.Results
            .GroupBy(result => result.Outcome, StringComparer.Ordinal)
            .Select(outcome => string.Create(CultureInfo.InvariantCulture, $"{outcome.Count()} {outcome.Key}"));
        var reasons = answer.Results
            .Where(result => result.Reason is not null)
            .Select(result => $"{result.ExternalId}: {result.Reason}");
        return $"{change}: {string.Join(" · ", counts)}." + string.Concat(reasons.Select(reason => $" {reason.TrimEnd('.')}."));
    }

    /// <summary>A similarity score (0–1) as the page shows it: 87 %.</summary>
    public static string Percent(decimal score) =>
        Math.Round(score * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + " %";
}
