using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Connectors.NinjaOne;

/// <summary>NinjaOne's client-credentials grant with the credentials in the form.</summary>
public sealed class NinjaOneTokenSource(IHttpClientFactory httpClients, IOptions<NinjaOneOptions> options, TimeProvider clock)
    : AccessTokenSource(httpClients, HttpClientName, clock)
{
    public const string HttpClientName = "ninjaone-token";

    protected override Uri TokenUrl => options.Value.ResolvedTokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.Value.ClientId,
            ["client_secret"] = options.Value.ClientSecret,
            ["scope"] = options.Value.Scope,
        }),
    };
}
