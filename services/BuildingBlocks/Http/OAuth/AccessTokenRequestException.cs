using System.Net;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// The token endpoint refused the credentials or answered something that is not a token. An
/// <see cref="HttpRequestException"/> carrying the endpoint's status, so callers handle it like any failed call.
/// </summary>
public sealed class AccessTokenRequestException(Uri tokenUrl, HttpStatusCode statusCode, string reason)
    : HttpRequestException($"Token request to {tokenUrl} failed ({(int)statusCode}): {reason}", null, statusCode);
