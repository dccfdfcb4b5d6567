using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Sandbox.Tests;

/// <summary>
/// Walks the sandbox's Xero OAuth flow as the invoice service and its user would: the consent page, Allow access, the
/// redirect with the code, then the token endpoint with the app's credentials in HTTP Basic.
/// </summary>
public static class XeroSandbox
{
    public const string RedirectUri = "https://billingone.test/xero/callback";
    public const string Scopes = "openid profile email accounting.transactions accounting.contacts offline_access";
    public const string State = "state-7f3a";

    public static HttpClient CreateBrowser(this SandboxApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the consent form and answers the redirect's query (code or error, and state).</summary>
    public static async Task<Dictionary<string, string>> ConsentAsync(this SandboxApp app, string decision = "allow",
        string clientId = SandboxApp.ClientId, string scope = Scopes)
    {
        using var browser = app.CreateBrowser();
        using var response = await browser.PostAsync("/xero/identity/connect/authorize", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["response_type"] = "code",
                ["client_id"] = clientId,
                ["redirect_uri"] = RedirectUri,
                ["scope"] = scope,
                ["state"] = State,
                ["decision"] = decision,
            }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public static async Task<HttpResponseMessage> RequestXeroTokenAsync(this SandboxApp app, Dictionary<string, string> form,
        string clientId = SandboxApp.ClientId, string clientSecret = SandboxApp.ClientSecret)
    {
        // RFC 6749 §2.3.1: each part is form-urlencoded before they are joined (the test secret has '+' and '/').
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/xero/identity/connect/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials))) },
            Content = new FormUrlEncodedContent(form),
        };
        return await app.CreateClient().SendAsync(request);
    }

    public static async Task<XeroTokens> ExchangeCodeAsync(this SandboxApp app, string code)
    {
        using var response = await app.RequestXeroTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<XeroTokens>())!;
    }

    public static async Task<XeroTokens> ConnectXeroAsync(this SandboxApp app) =>
        await app.ExchangeCodeAsync((await app.ConsentAsync())["code"]);

    /// <summary>An app connected to the tenant, sending its access token and the tenant header on every call.</summary>
    public static async Task<HttpClient> CreateXeroClientAsync(this SandboxApp app)
    {
        var tokens = await app.ConnectXeroAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var connections = (await client.GetFromJsonAsync<List<XeroConnection>>("/xero/connections"))!;
        client.DefaultRequestHeaders.Add("xero-tenant-id", connections.Single().TenantId.ToString());
        return client;
    }

    // Spelled out here rather than reusing the sandbox's records, so the tests pin Xero's documented wire names.
    public sealed record XeroTokens(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("token_type")] string TokenType);

    public sealed record XeroConnection(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("tenantId")] Guid TenantId,
        [property: JsonPropertyName("tenantType")] string TenantType,
        [property: JsonPropertyName("tenantName")] string TenantName,
        [property: JsonPropertyName("createdDateUtc")] DateTime CreatedDateUtc,
        [property: JsonPropertyName("updatedDateUtc")] DateTime UpdatedDateUtc);
}
