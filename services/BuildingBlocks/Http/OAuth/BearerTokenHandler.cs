using System.Net;
using System.Net.Http.Headers;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// Puts the vendor's access token on each request, and sends it once more with a new token when the API says the
/// token is no longer valid (expired early or revoked). A new token refused as well ends the request with
/// <see cref="AccessTokenRejectedException"/>: no third token, no loop.
/// </summary>
public sealed class BearerTokenHandler<TTokenSource>(TTokenSource tokens) : DelegatingHandler
    where TTokenSource : AccessTokenSource
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // Expired or revoked before our clock said so. The API requests are GETs without a body: safe to resend.
        response.Dispose();
        tokens.Invalidate(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        var repeated = await base.SendAsync(request, cancellationToken);
        if (repeated.StatusCode != HttpStatusCode.Unauthorized)
        {
            return repeated;
        }
        repeated.Dispose();
        throw new AccessTokenRejectedException();
    }
}
