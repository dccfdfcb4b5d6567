namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>
/// An RMM answered a page that cannot be trusted (a required field missing, a type that does not parse, paging
/// that would skip or repeat items). The sync records the reason and stores nothing of the answer.
/// </summary>
public sealed class RmmPageRejectedException(RmmVendor vendor, string resource, int pageNumber, string field, string reason)
    : Exception($"{vendor} {resource} page {pageNumber} rejected: '{field}' {reason}.")
{
    public RmmVendor Vendor { get; } = vendor;

    /// <summary>The API path that was paged, e.g. <c>/v2/devices</c>.</summary>
    public string Resource { get; } = resource;

    /// <summary>1 for the first page.</summary>
    public int PageNumber { get; } = pageNumber;

    /// <summary>The JSON path of the offending field, e.g. <c>$[3].organizationId</c>.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
