using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Metering.Domain;

/// <summary>A validated request for ingest exceptions; null filters match everything.</summary>
/// <param name="Search">Part of the reading id or of either reading's asset external id, any case.</param>
public sealed record IngestExceptionQuery(string? Search, Guid? ClientId, PageRequest Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>Reads <c>search</c>, <c>clientId</c> and, for a list, the page; errors are keyed by parameter.</summary>
    public static IngestExceptionQuery? Parse(string? search, string? clientId, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var query = new IngestExceptionQuery(
            QueryValues.ParseText(search, "search", MaxSearchLength, errors),
            QueryValues.ParseGuid(clientId, "clientId", errors),
            PageRequest.Parse(page, pageSize, errors));
        return errors.Count == 0 ? query : null;
    }
}

/// <summary>A recorded conflict with its client's name (null: unassigned, or not known to metering yet).</summary>
public sealed record IngestExceptionView(IngestConflict Conflict, string? ClientName);
