using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

/// <summary>Each test connects its own sandbox, so codes, refresh tokens and connections start empty.</summary>
[Trait("Category", "Integration")]
public sealed class XeroOAuthTests
{
    [Fact]
    public async Task The_consent_page_names_the_tenant_and_offers_allow_access()
    {
        await using var app = new SandboxApp();
        var url = "/xero/identity/connect/authorize?response_type=code&client_id=" + SandboxApp.ClientId
            + "&redirect_uri=" + Uri.EscapeDataString(XeroSandbox.RedirectUri)
            + "&scope=" + Uri.EscapeDataString(XeroSandbox.Scopes) + "&state=" + XeroSandbox.State;

        using var response = await app.CreateBrowser().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Demo MSP Ltd");
        page.ShouldContain("Allow access");
        page.ShouldContain($"value=\"{XeroSandbox.State}\"");
    }

    [Fact]
    public async Task An_unknown_client_or_a_relative_redirect_is_shown_an_error_not_redirected()
    {
        await using var app = new SandboxApp();
        using var browser = app.CreateBrowser();

        using var unknownClient = await browser.GetAsync(
            "/xero/identity/connect/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fx.test%2Fcb");
        using var relative = await browser.GetAsync(
            $"/xero/identity/connect/authorize?response_type=code&client_id={SandboxApp.ClientId}&redirect_uri=%2Fcb");

        unknownClient.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        relative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Allow_access_redirects_with_a_code_that_buys_tokens_once()
    {
        await using var app = new SandboxApp();
        var redirect = await app.ConsentAsync();

        var tokens = await app.ExchangeCodeAsync(redirect["code"]);
        using var reused = await app.RequestXeroTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = redirect["code"],
            ["redirect_uri"] = XeroSandbox.RedirectUri,
        });

        redirect["state"].ShouldBe(XeroSandbox.State);
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(1800);
        tokens.AccessToken.ShouldNotBeNullOrWhiteSpace();
        tokens.RefreshToken.ShouldNotBeNullOrWhiteSpace();
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Cancel_redirects_with_access_denied_and_the_state()
    {
        await using var app = new SandboxApp();

        var redirect = await app.ConsentAsync(decision: "deny");

        redirect["error"].ShouldBe("access_denied");
        redirect["state"].ShouldBe(XeroSandbox.State);
        redirect.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes_and_is_bound_to_its_redirect_uri()
    {
        await using var app = new SandboxApp();
        var late = (await app.ConsentAsync())["code"];
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var wrongRedirect = (await app.ConsentAsync())["code"];

        using var expired = await app.RequestXeroTokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = late, ["redirect_uri"] = XeroSandbox.RedirectUri,
        });
        using var mismatched = await app.RequestXeroTokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = wrongRedirect, ["redirect_uri"] = "https://other.test/cb",
        });

        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        mismatched.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_the_used_one_is_refused()
    {
        await using var app = new SandboxApp();
        var first = await app.ConnectXeroAsync();

        var second = await RefreshAsync(app, first.RefreshToken!);
        using var reused = await app.RequestXeroTokenAsync(Refresh(first.RefreshToken!));
        var third = await RefreshAsync(app, second.RefreshToken!);

        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        second.AccessToken.ShouldNotBe(first.AccessToken);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_grant");
        third.RefreshToken.ShouldNotBe(second.RefreshToken);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused()
    {
        await using var app = new SandboxApp();
        var tokens = await app.ConnectXeroAsync();

        using var revoke = await app.CreateClient().PostAsJsonAsync("/sandbox/xero/revoke", new { refreshToken = tokens.RefreshToken });
        using var refused = await app.RequestXeroTokenAsync(Refresh(tokens.RefreshToken!));

        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task The_revocation_endpoint_revokes_only_the_calling_apps_token()
    {
        await using var app = new SandboxApp();
        var tokens = await app.ConnectXeroAsync();

        using var byOtherApp = await RevokeAsync(app, tokens.RefreshToken!, SandboxApp.OtherClientId, SandboxApp.OtherClientSecret);
        var stillGood = await RefreshAsync(app, tokens.RefreshToken!);
        using var byOwner = await RevokeAsync(app, stillGood.RefreshToken!, SandboxApp.ClientId, SandboxApp.ClientSecret);
        using var refused = await app.RequestXeroTokenAsync(Refresh(stillGood.RefreshToken!));

        byOtherApp.StatusCode.ShouldBe(HttpStatusCode.OK);
        byOwner.StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_offline_access_no_refresh_token_is_issued()
    {
        await using var app = new SandboxApp();

        var tokens = await app.ExchangeCodeAsync((await app.ConsentAsync(scope: "accounting.transactions"))["code"]);

        tokens.RefreshToken.ShouldBeNull();
    }

    [Fact]
    public async Task Another_apps_refresh_token_or_a_wrong_secret_is_refused()
    {
        await using var app = new SandboxApp();
        var tokens = await app.ConnectXeroAsync();

        using var otherApp = await app.RequestXeroTokenAsync(Refresh(tokens.RefreshToken!),
            SandboxApp.OtherClientId, SandboxApp.OtherClientSecret);
        using var wrongSecret = await app.RequestXeroTokenAsync(Refresh(tokens.RefreshToken!), clientSecret: "wrong");
        var stillGood = await RefreshAsync(app, tokens.RefreshToken!);

        otherApp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongSecret.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_client");
        stillGood.AccessToken.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Connections_list_the_tenant_and_deleting_one_cuts_off_the_api()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var connection = (await client.GetFromJsonAsync<List<XeroSandbox.XeroConnection>>("/xero/connections"))!.Single();
        (await client.GetAsync("/xero/api.xro/2.0/Contacts?page=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deleted = await client.DeleteAsync($"/xero/connections/{connection.Id}");
        using var cutOff = await client.GetAsync("/xero/api.xro/2.0/Contacts?page=1");
        var remaining = await client.GetFromJsonAsync<List<XeroSandbox.XeroConnection>>("/xero/connections");

        connection.TenantName.ShouldBe("Demo MSP Ltd");
        connection.TenantType.ShouldBe("ORGANISATION");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        cutOff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        remaining.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_from_another_vendor_cannot_call_xero()
    {
        await using var app = new SandboxApp();
        using var pax8 = await app.CreatePax8ClientAsync();
        using var xero = await app.CreateXeroClientAsync();
        pax8.DefaultRequestHeaders.Add("xero-tenant-id", xero.DefaultRequestHeaders.GetValues("xero-tenant-id").Single());

        (await pax8.GetAsync("/xero/api.xro/2.0/Invoices?page=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pax8.GetAsync("/xero/connections")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await anonymous.GetAsync("/xero/connections")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> RevokeAsync(SandboxApp app, string token, string clientId, string clientSecret) =>
        app.CreateClient().PostAsync("/xero/identity/connect/revocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }));

    private static Dictionary<string, string> Refresh(string refreshToken) =>
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };

    private static async Task<XeroSandbox.XeroTokens> RefreshAsync(SandboxApp app, string refreshToken)
    {
        using var response = await app.RequestXeroTokenAsync(Refresh(refreshToken));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<XeroSandbox.XeroTokens>())!;
    }
}
