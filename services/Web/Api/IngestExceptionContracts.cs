namespace BillingOne.Web.Api;

// The web UI's view of metering's ingest exceptions:
//   GET /api/metering/ingest-exceptions?search=&clientId=&page=&pageSize= -> PagedList<IngestException>, newest first
//   GET /api/metering/ingest-exceptions/export?search=&clientId=          -> text/csv

/// <summary>
/// A reading metering refused after the ingest call was accepted: it reused the id (the sender's idempotency key) of
/// an earlier reading with a different payload, so the earlier reading is kept and billed and this one is not stored.
/// </summary>
/// <param name="Kind">What went wrong; <c>conflict</c> is the only kind so far.</param>
/// <param name="ClientId">The client of the kept reading's asset; null while the asset has none.</param>
/// <param name="SentBy">The API key that sent the refused reading.</param>
/// <param name="BatchId">The ingest call that carried the refused reading.</param>
/// <param name="ReceivedAt">When that call was accepted.</param>
/// <param name="DetectedAt">When metering found the conflict.</param>
/// <param name="Differences">The payload's members that differ, each one of <see cref="ReadingPayloadFields"/>.</param>
/// <param name="KeptBatchId">The ingest call that carried the kept reading.</param>
public sealed record IngestException(
    Guid Id,
    string Kind,
    string ReadingId,
    Guid? ClientId,
    string? ClientName,
    Guid SentBy,
    Guid BatchId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DetectedAt,
    IReadOnlyList<string> Differences,
    ReadingPayload Kept,
    Guid KeptBatchId,
    DateTimeOffset KeptReceivedAt,
    ReadingPayload Sent);

/// <summary>A reading as its sender sent it.</summary>
public sealed record ReadingPayload(
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description);

/// <summary>The members of <see cref="ReadingPayload"/> as an ingest exception's differences name them.</summary>
public static class ReadingPayloadFields
{
    public const string AssetSource = "assetSource";
    public const string AssetExternalId = "assetExternalId";
    public const string UnitTypeKey = "unitTypeKey";
    public const string Quantity = "quantity";
    public const string ObservedAt = "observedAt";
    public const string Description = "description";

    /// <summary>How the page names a member, e.g. "observed time"; an unknown one is shown as sent.</summary>
    public static string Label(string field) => field switch
    {
        AssetSource => "asset source",
        AssetExternalId => "asset id",
        UnitTypeKey => "unit type",
        Quantity => "quantity",
        ObservedAt => "observed time",
        Description => "description",
        _ => field,
    };
}

/// <summary>The Ingest Exceptions page's search, client filter and page, kept in its address.</summary>
/// <param name="Search">Part of the reading id or of an asset's external id, any case.</param>
public sealed record IngestExceptionQuery(
    string? Search = null,
    Guid? ClientId = null,
    int Page = 1,
    int PageSize = IngestExceptionQuery.DefaultPageSize) : IPagedQuery<IngestExceptionQuery>
{
    public const string Path = "api/metering/ingest-exceptions";
    public const int DefaultPageSize = 25;

    public IngestExceptionQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path,
        ("search", Search), ("clientId", ClientId), ("page", Page), ("pageSize", PageSize));

    /// <summary>Every exception the search and client filter match.</summary>
    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("search", Search), ("clientId", ClientId));
}
