using System.Net;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// The vendor's API refused a token just issued for the request it had refused the token before (401 twice): the
/// credentials get tokens but not this API. Not retried: another token would be refused too. An
/// <see cref="HttpRequestException"/> carrying 401, so callers handle it like any failed call.
/// </summary>
public sealed class AccessTokenRejectedException()
    : HttpRequestException("The vendor refused its access token twice, the second one newly issued (401): the credentials " +
        "are accepted by the token endpoint but not by the API. Check the API client's permissions with the vendor.",
        null, HttpStatusCode.Unauthorized);
