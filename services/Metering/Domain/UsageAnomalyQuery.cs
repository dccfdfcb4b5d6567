using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Metering.Domain;

/// <summary>A validated request for usage anomalies; null filters match everything.</summary>
public sealed record UsageAnomalyQuery(Guid? ClientId, UsageAnomalyKind? Kind, PageRequest Page)
{
    /// <summary>
    /// Reads <c>kind</c> (<c>spike</c> or <c>silent</c>, any case), <c>clientId</c> and, for a list, the page; errors
    /// are keyed by the parameter they concern.
    /// </summary>
    public static UsageAnomalyQuery? Parse(string? kind, string? clientId, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var query = new UsageAnomalyQuery(
            QueryValues.ParseGuid(clientId, "clientId", errors),
            string.IsNullOrWhiteSpace(kind)
                ? null
                : QueryValues.ParseChoice(kind, "kind", UsageAnomalyKind.Spike, errors),
            PageRequest.Parse(page, pageSize, errors));
        return errors.Count == 0 ? query : null;
    }
}
