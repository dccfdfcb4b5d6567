using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// Datto RMM's token grant: the OAuth password grant with the API key and secret as username and password,
/// the client authenticating as Datto's documented public client.
/// </summary>
public sealed class DattoRmmTokenSource(IHttpClientFactory httpClients, RmmConnection connection, TimeProvider clock)
    : AccessTokenSource(httpClients, HttpClientName, clock)
{
    public const string HttpClientName = "datto-rmm-token";

    private static readonly AuthenticationHeaderValue PublicClient =
        new("Basic", Convert.ToBase64String("public-client:public"u8));

    protected override Uri TokenUrl => connection.TokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Headers = { Authorization = PublicClient },
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = connection.ClientId,
            ["password"] = connection.ClientSecret,
        }),
    };
}
