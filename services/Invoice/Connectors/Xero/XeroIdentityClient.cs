using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>Tokens as Xero's identity server issues them; Xero rotates the refresh token on every use.</summary>
public sealed record XeroTokens(string AccessToken, string RefreshToken, DateTimeOffset AccessExpiresAt);

/// <summary>A Xero organisation the user authorized the app for.</summary>
public sealed record XeroTenant(Guid Id, string Name);

/// <summary>
/// Xero's OAuth2 authorization-code flow: the consent address, the code and refresh-token grants, revocation and the
/// list of authorized tenants (<c>/connections</c>). The app authenticates with HTTP Basic, as Xero documents.
/// </summary>
public sealed class XeroIdentityClient(IHttpClientFactory httpClients, TimeProvider clock)
{
    /// <summary>
    /// Xero's granular scopes: apps created on or after 2 March 2026 cannot be granted the broad
    /// <c>accounting.transactions</c>; <c>accounting.invoices</c> covers the Invoices endpoint this service reads and
    /// writes drafts to, <c>accounting.contacts</c> the Contacts endpoint (docs/vendors.md).
    /// </summary>
    public const string Scopes = "openid profile email accounting.invoices accounting.contacts offline_access";

    public static Uri AuthorizeUrl(XeroApp app, Uri redirectUri, string state)
    {
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["scope"] = Scopes,
            ["state"] = state,
        }.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        return new Uri($"{app.AuthorizeAddress.AbsoluteUri}{(app.AuthorizeAddress.Query.Length > 0 ? "&" : "?")}{query}");
    }

    public Task<XeroTokens> ExchangeCodeAsync(XeroApp app, string code, Uri redirectUri, CancellationToken cancellationToken) =>
        RequestTokensAsync(app, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
        }, cancellationToken);

    /// <summary>New tokens for <paramref name="refreshToken"/>, which Xero refuses from then on.</summary>
    public Task<XeroTokens> RefreshAsync(XeroApp app, string refreshToken, CancellationToken cancellationToken) =>
        RequestTokensAsync(app, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>Revokes the refresh token (and the connections it authorized); true when Xero confirmed.</summary>
    public async Task<bool> RevokeAsync(XeroApp app, string refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, app.RevocationUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken }),
        };
        request.Headers.Authorization = Basic(app);
        using var response = await httpClients.CreateClient(XeroConnectorRegistration.IdentityPipeline)
            .SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<IReadOnlyList<XeroTenant>> ListTenantsAsync(XeroApp app, string accessToken,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, app.ConnectionsUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await httpClients.CreateClient(XeroConnectorRegistration.ApiPipeline)
            .SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        List<ConnectionDocument?>? connections;
        try
        {
            connections = await response.Content.ReadFromJsonAsync<List<ConnectionDocument?>>(cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new XeroPayloadException("connections", 1, exception.Path ?? "$", "cannot be read");
        }
        return [.. (connections ?? [])
            .Where(connection => connection is { TenantId: not null } && connection.TenantType is null or "ORGANISATION")
            .Select(connection => new XeroTenant(connection!.TenantId!.Value,
                string.IsNullOrWhiteSpace(connection.TenantName) ? connection.TenantId.Value.ToString() : connection.TenantName))
            .DistinctBy(tenant => tenant.Id)];
    }

    private async Task<XeroTokens> RequestTokensAsync(XeroApp app, Dictionary<string, string> form,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, app.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = Basic(app);
        using var response = await httpClients.CreateClient(XeroConnectorRegistration.IdentityPipeline)
            .SendAsync(request, cancellationToken);
        TokenDocument? document = null;
        try
        {
            document = await response.Content.ReadFromJsonAsync<TokenDocument>(cancellationToken);
        }
        catch (JsonException)
        {
            // Not JSON: reported below by status.
        }
        if (!response.IsSuccessStatusCode)
        {
            if (document?.Error is { Length: > 0 } error)
            {
                throw new XeroGrantRefusedException(error, document.ErrorDescription);
            }
            response.EnsureSuccessStatusCode();
        }
        if (document is not { AccessToken.Length: > 0, RefreshToken.Length: > 0, ExpiresIn: > 0 })
        {
            throw new XeroGrantRefusedException("invalid_response",
                "the answer has no access_token, refresh_token (is offline_access granted?) and positive expires_in");
        }
        return new XeroTokens(document.AccessToken, document.RefreshToken,
            clock.GetUtcNow().AddSeconds(document.ExpiresIn.Value));
    }

    private static AuthenticationHeaderValue Basic(XeroApp app) => new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}")));

    private sealed record TokenDocument(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    private sealed record ConnectionDocument(Guid? TenantId, string? TenantType, string? TenantName);
}
