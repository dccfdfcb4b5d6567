namespace BillingOne.Invoice.Connectors.SuperOps;

/// <summary>SuperOps answered something a sync cannot use as a whole (not JSON, GraphQL errors, no list): the read stops.</summary>
public sealed class SuperOpsPayloadException(string message) : Exception(message);

/// <summary>SuperOps refused the API token or subdomain.</summary>
public sealed class SuperOpsAuthenticationException(string message) : Exception(message);
