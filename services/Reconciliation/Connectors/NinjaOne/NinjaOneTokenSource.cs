using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.NinjaOne;

/// <summary>NinjaOne's client-credentials grant with the credentials in the form.</summary>
public sealed class NinjaOneTokenSource(IHttpClientFactory httpClients, RmmConnection connection, string scope,
    TimeProvider clock) : AccessTokenSource(httpClients, HttpClientName, clock)
{
    public const string HttpClientName = "ninjaone-token";

    protected override Uri TokenUrl => connection.TokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = connection.ClientId,
            ["client_secret"] = connection.ClientSecret,
            ["scope"] = scope,
        }),
    };
}
