using System.Net;
using System.Net.Http.Headers;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Puts the Pax8 bearer token on each request and, when the API answers 401 (the token expired early or was
/// revoked), fetches a new token and sends the request once more. Sits outside the retry pipeline, so retries of
/// 429 and 5xx reuse the token and a 401 is never retried with the same one.
/// </summary>
public sealed class Pax8AuthenticationHandler(Pax8TokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
