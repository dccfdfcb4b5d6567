namespace BillingOne.Web.Api;

/// <summary>The Ingest Exceptions page's calls.</summary>
public sealed partial class GatewayClient
{
    /// <summary>A page of the exceptions the query matches, newest first.</summary>
    public Task<PagedList<IngestException>> GetIngestExceptionsAsync(IngestExceptionQuery query,
        CancellationToken cancellationToken) =>
        Get<PagedList<IngestException>>(query.ToRequestUri(), cancellationToken);
}
