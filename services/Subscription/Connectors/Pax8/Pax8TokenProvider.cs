using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.Options;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Pax8's token: OAuth2 client credentials with an audience, as its Auth0-style endpoint wants them, in a JSON body.
/// </summary>
public sealed class Pax8TokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<Pax8ConnectorOptions> options,
    TimeProvider timeProvider) : AccessTokenSource(httpClientFactory, HttpClientName, timeProvider)
{
    public const string HttpClientName = "pax8-token";

    protected override Uri TokenUrl => options.Value.TokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Content = JsonContent.Create(new TokenRequest("client_credentials", options.Value.ClientId,
            options.Value.ClientSecret, options.Value.Audience)),
    };

    private sealed record TokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("audience")] string Audience);
}
