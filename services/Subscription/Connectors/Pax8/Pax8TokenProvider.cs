using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Holds one Pax8 access token for the whole process and fetches a new one (OAuth2 client credentials with an
/// audience, as Pax8's Auth0-style endpoint wants: a JSON body) shortly before it expires or when the API
/// rejected it. One fetch at a time: concurrent readers wait for it instead of each asking for a token.
/// </summary>
public sealed partial class Pax8TokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<Pax8ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<Pax8TokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "pax8-token";

    /// <summary>Renew this long before expiry so a token never runs out between check and use.</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedToken? current;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (current is { } cached && cached.RenewAt > timeProvider.GetUtcNow())
        {
            return cached.Value;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } fetched && fetched.RenewAt > timeProvider.GetUtcNow())
            {
                return fetched.Value; // another caller renewed it while this one waited
            }
            current = await RequestTokenAsync(cancellationToken);
            return current.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="rejected"/> after the API refused it (revoked, or the vendor restarted). A token
    /// renewed meanwhile by another caller is kept.
    /// </summary>
    public void Invalidate(string rejected)
    {
        var cached = current;
        if (cached?.Value == rejected)
        {
            Interlocked.CompareExchange(ref current, null, cached);
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var http = httpClientFactory.CreateClient(HttpClientName);
        var requestedAt = timeProvider.GetUtcNow();
        using var response = await http.PostAsJsonAsync(settings.TokenUrl, new TokenRequest(
            "client_credentials", settings.ClientId, settings.ClientSecret, settings.Audience), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"Pax8 refused a token for client '{settings.ClientId}' ({(int)response.StatusCode}): {body}",
                inner: null, response.StatusCode);
        }
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn is not > 0)
        {
            throw new HttpRequestException("Pax8's token endpoint answered without an access token or its lifetime.");
        }
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
        // Short-lived tokens renew at half their life rather than never being considered fresh.
        var margin = lifetime > 2 * RenewalMargin ? RenewalMargin : lifetime / 2;
        LogTokenIssued(logger, settings.ClientId, lifetime);
        return new CachedToken(token.AccessToken, requestedAt + lifetime - margin);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pax8 issued a token to {ClientId} valid for {Lifetime}")]
    private static partial void LogTokenIssued(ILogger logger, string clientId, TimeSpan lifetime);

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);

    private sealed record TokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("audience")] string Audience);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
