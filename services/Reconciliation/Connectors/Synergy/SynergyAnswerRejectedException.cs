namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// Synergy answered a call that cannot be used: a SOAP fault, a status other than <c>OK</c> (<c>ERR_LOGIN_FAILED</c>…),
/// XML that does not parse, or an item missing a field the sync needs. The sync names it and stores nothing.
/// </summary>
public sealed class SynergyAnswerRejectedException(string method, int pageNumber, string field, string reason)
    : Exception($"Synergy Wholesale {method} page {pageNumber} rejected: '{field}' {reason}.")
{
    /// <summary>The SOAP operation, e.g. <c>listDomains</c>.</summary>
    public string Method { get; } = method;

    /// <summary>1 for the first (or only) page.</summary>
    public int PageNumber { get; } = pageNumber;

    /// <summary>Where in the answer, e.g. <c>domainList/item[3]/domainName</c>, <c>status</c> or <c>Fault</c>.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

/// <summary>An organization's Synergy settings lack what a connection needs; the message says what.</summary>
public sealed class SynergySettingsException(string message) : Exception(message);
