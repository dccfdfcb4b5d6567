using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class AuthenticationTests
{
    [Fact]
    public async Task Without_a_bearer_token_the_api_answers_401_with_a_bearer_challenge()
    {
        await using var app = new SandboxApp();

        using var response = await app.CreateClient().GetAsync("/v2/devices");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_token_is_refused_as_invalid()
    {
        await using var app = new SandboxApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await client.GetAsync("/v2/organizations");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateAuthorizedClientAsync();
        (await client.GetAsync("/v2/organizations?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(SandboxApp.TokenLifetime);

        using var response = await client.GetAsync("/v2/organizations?pageSize=1");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
    }

    [Fact]
    public async Task The_token_endpoint_issues_a_bearer_token_with_its_lifetime_and_scope()
    {
        await using var app = new SandboxApp();

        using var response = await app.CreateClient().PostAsync("/ws/oauth/token", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = SandboxApp.ClientId,
                ["client_secret"] = SandboxApp.ClientSecret,
                ["scope"] = "monitoring management",
            }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var token = (await response.Content.ReadFromJsonAsync<SandboxApp.TokenResponse>())!;
        token.AccessToken.Length.ShouldBeGreaterThan(30);
        token.TokenType.ShouldBe("Bearer");
        token.ExpiresIn.ShouldBe((int)SandboxApp.TokenLifetime.TotalSeconds);
        token.Scope.ShouldBe("monitoring management");
    }

    [Fact]
    public async Task Client_credentials_may_come_in_http_basic()
    {
        await using var app = new SandboxApp();
        var client = app.CreateClient();
        // RFC 6749 §2.3.1: each part is form-urlencoded before base64.
        var encoded = $"{Uri.EscapeDataString(SandboxApp.ClientId)}:{Uri.EscapeDataString(SandboxApp.ClientSecret)}";
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(encoded)));

        using var response = await client.PostAsync("/ws/oauth/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("client_credentials", SandboxApp.ClientId, "wrong", null, HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_credentials", "nobody", SandboxApp.ClientSecret, null, HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("password", SandboxApp.ClientId, SandboxApp.ClientSecret, null, HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("client_credentials", SandboxApp.ClientId, SandboxApp.ClientSecret, "monitoring billing", HttpStatusCode.BadRequest, "invalid_scope")]
    public async Task The_token_endpoint_answers_bad_requests_with_oauth_errors(
        string grantType, string clientId, string clientSecret, string? scope, HttpStatusCode status, string error)
    {
        await using var app = new SandboxApp();
        Dictionary<string, string> form = new()
        {
            ["grant_type"] = grantType,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await app.CreateClient().PostAsync("/ws/oauth/token", new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(status);
        var body = (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!;
        body.Error.ShouldBe(error);
        body.ErrorDescription.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_json_token_request_is_refused_as_invalid()
    {
        await using var app = new SandboxApp();

        using var response = await app.CreateClient().PostAsJsonAsync("/ws/oauth/token",
            new { grant_type = "client_credentials", client_id = SandboxApp.ClientId, client_secret = SandboxApp.ClientSecret });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_request");
    }

    [Fact]
    public async Task A_token_without_the_monitoring_scope_is_forbidden()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateAuthorizedClientAsync(scope: "management");

        using var response = await client.GetAsync("/v2/devices");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
