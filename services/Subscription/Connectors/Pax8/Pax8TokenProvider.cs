using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BillingOne.BuildingBlocks.Http.OAuth;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Pax8's token: OAuth2 client credentials with an audience, as its Auth0-style endpoint wants them, in a JSON body.
/// </summary>
public sealed class Pax8TokenProvider(
    IHttpClientFactory httpClientFactory,
    Pax8Connection connection,
    TimeProvider timeProvider) : AccessTokenSource(httpClientFactory, HttpClientName, timeProvider)
{
    public const string HttpClientName = "pax8-token";

    protected override Uri TokenUrl => connection.TokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Content = JsonContent.Create(new TokenRequest("client_credentials", connection.ClientId,
            connection.ClientSecret, connection.Audience)),
    };

    private sealed record TokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("audience")] string Audience);
}
