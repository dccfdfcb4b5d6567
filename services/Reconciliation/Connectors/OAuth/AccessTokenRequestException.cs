using System.Net;

namespace BillingOne.Reconciliation.Connectors.OAuth;

/// <summary>The token endpoint refused the credentials or answered something that is not a token.</summary>
public sealed class AccessTokenRequestException(Uri tokenUrl, HttpStatusCode statusCode, string reason)
    : Exception($"Token request to {tokenUrl} failed ({(int)statusCode}): {reason}");
