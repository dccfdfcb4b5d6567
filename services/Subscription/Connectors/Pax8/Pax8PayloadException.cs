namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// A Pax8 page that cannot be trusted: a required field missing or wrong, or page metadata that does not add up.
/// Names the list, the page and the field so a sync can record the reason and store nothing of that page.
/// </summary>
public sealed class Pax8PayloadException(string resource, int pageNumber, string field, string reason)
    : Exception($"Pax8 {resource} page {pageNumber}: {field} {reason}")
{
    /// <summary>The list read: <c>companies</c>, <c>products</c> or <c>subscriptions</c>.</summary>
    public string Resource { get; } = resource;

    public int PageNumber { get; } = pageNumber;

    /// <summary>JSON path of the offending field within the page, e.g. <c>content[3].quantity</c>.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
