using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// Gets an OAuth2 access token from one vendor's token endpoint and keeps it until shortly before it expires (half
/// its life for short-lived ones). A singleton per vendor, so all requests of a sync share one token; one request at a
/// time refreshes it, the others wait for it. Each vendor's connector says how to ask (form or JSON, scope, audience).
/// </summary>
public abstract class AccessTokenSource(IHttpClientFactory httpClients, string httpClientName, TimeProvider clock)
{
    /// <summary>Refreshed this long before the vendor's expiry, so a token does not run out mid-request.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private CachedToken? current;

    protected abstract Uri TokenUrl { get; }

    /// <summary>The vendor's form and client authentication for a new token.</summary>
    protected abstract HttpRequestMessage CreateTokenRequest();

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Valid(current) is { } cached)
        {
            return cached;
        }
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (Valid(current) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }
            current = await RequestTokenAsync(cancellationToken);
            return current.Value;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>Forgets a token the API refused, unless a concurrent request has already replaced it.</summary>
    public void Invalidate(string refusedToken)
    {
        var seen = current;
        if (seen?.Value == refusedToken)
        {
            Interlocked.CompareExchange(ref current, null, seen);
        }
    }

    private string? Valid(CachedToken? token) => token is not null && token.RefreshAt > clock.GetUtcNow() ? token.Value : null;

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = CreateTokenRequest();
        using var response = await httpClients.CreateClient(httpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new AccessTokenRequestException(TokenUrl, response.StatusCode, AccessTokenRequestException.ReasonOf(body));
        }
        TokenResponse? token;
        try
        {
            token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (JsonException)
        {
            token = null;
        }
        if (token is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
        {
            throw new AccessTokenRequestException(TokenUrl, response.StatusCode,
                "the answer has no access_token with a positive expires_in");
        }
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
        var usable = lifetime > 2 * ExpiryMargin ? lifetime - ExpiryMargin : lifetime / 2;
        return new CachedToken(token.AccessToken, clock.GetUtcNow() + usable);
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
