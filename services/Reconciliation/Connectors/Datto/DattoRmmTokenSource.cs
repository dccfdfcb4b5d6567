using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// Datto RMM's token grant: the OAuth password grant with the API key and secret as username and password,
/// the client authenticating as Datto's documented public client.
/// </summary>
public sealed class DattoRmmTokenSource(IHttpClientFactory httpClients, IOptions<DattoRmmOptions> options, TimeProvider clock)
    : AccessTokenSource(httpClients, HttpClientName, clock)
{
    public const string HttpClientName = "datto-rmm-token";

    private static readonly AuthenticationHeaderValue PublicClient =
        new("Basic", Convert.ToBase64String("public-client:public"u8));

    protected override Uri TokenUrl => options.Value.ResolvedTokenUrl;

    protected override HttpRequestMessage CreateTokenRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Headers = { Authorization = PublicClient },
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = options.Value.ApiKey,
            ["password"] = options.Value.ApiSecret,
        }),
    };
}
