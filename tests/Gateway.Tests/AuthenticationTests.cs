using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AuthenticationTests(GatewayFixture gateway)
{
    private FakeDirectory Directory => gateway.Directory;

    [Theory]
    [InlineData("/api/invoice/invoices")]
    [InlineData("/api/subscription/clients/42")]
    public async Task Request_without_credentials_is_a_401_problem_with_a_bearer_challenge(string path)
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Authentication required");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Theory]
    [InlineData("/api/ingestion/webhooks/xero/Zk9yZXhhbXBsZQ")]
    [InlineData("/api/ingestion/webhooks/pax8/Zk9yZXhhbXBsZQ")]
    public async Task Vendor_webhook_deliveries_reach_ingestion_without_credentials_and_only_as_posts(string path)
    {
        using var client = gateway.CreateAnonymousClient();

        using var delivery = await client.PostAsync(path, new StringContent("{\"events\": []}"));

        delivery.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echo = (await delivery.Content.ReadFromJsonAsync<Echo>())!;
        echo.Service.ShouldBe("ingestion");
        echo.Path.ShouldBe(path);
        echo.Authorization.ShouldBeNull();
        using var read = await client.GetAsync(path);
        await read.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Authentication required");
    }

    [Fact]
    public async Task A_pax8_delivery_reaches_ingestion_with_its_authorization_value_untouched()
    {
        // Pax8 sends the webhook's configured value as Authorization: ingestion checks it, the gateway must not.
        using var client = gateway.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingestion/webhooks/pax8/Zk9yZXhhbXBsZQ")
        {
            Content = new StringContent("{}"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "pax8-webhook-value-1").ShouldBeTrue();

        using var delivery = await client.SendAsync(request);

        delivery.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await delivery.Content.ReadFromJsonAsync<Echo>())!.Authorization.ShouldBe("pax8-webhook-value-1");
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("X-Api-Key")]
    public async Task Api_key_reaches_the_service_as_an_internal_token_and_never_itself(string header)
    {
        var key = Directory.AddApiKey(Roles.Finance, clientId: Guid.NewGuid());
        using var client = gateway.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices");
        request.Headers.Add(header, header == "Authorization" ? $"Bearer {key.Key}" : key.Key);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;
        echo.ApiKey.ShouldBeNull();
        echo.Authorization.ShouldNotBeNull().ShouldNotContain(key.Key);
        var claims = await gateway.ReadInternalTokenAsync(echo.Authorization);
        claims.ShouldBe(new InternalTokenClaims(key.OrgId, Roles.Finance, ActorTypes.ApiKey, key.KeyId, key.Name, key.ClientId));
    }

    [Fact]
    public async Task Gateway_asks_the_identity_service_with_a_token_of_its_own()
    {
        var key = Directory.AddApiKey();
        using var client = ClientWith(key);

        using var response = await client.GetAsync("/api/invoice/invoices");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.VerificationsOf(key.Key).ShouldBe(1);
        var gatewayItself = Directory.LastCaller.ShouldNotBeNull();
        gatewayItself.Role.ShouldBe(Roles.Service);
        gatewayItself.ActorType.ShouldBe(ActorTypes.Service);
    }

    [Fact]
    public async Task Unknown_api_key_is_a_401_invalid_token()
    {
        var unknown = Directory.AddApiKey();
        Directory.Revoke(unknown);
        using var client = ClientWith(unknown);

        using var response = await client.GetAsync("/api/invoice/invoices");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer error=\"invalid_token\"");
    }

    [Theory]
    [InlineData("bo_short")]
    [InlineData("bo_ABCDEFGH_0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("bo_abcdefgh-0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("bo_abcdefgh_0123456789abcdefghijABCDEFGHIJ0!")]
    public async Task Malformed_api_key_is_refused_without_a_lookup(string key)
    {
        using var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.GetAsync("/api/invoice/invoices");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
        Directory.VerificationsOf(key).ShouldBe(0);
    }

    [Fact]
    public async Task Revoked_key_is_refused_once_the_one_second_cache_expires()
    {
        var key = Directory.AddApiKey();
        using var client = ClientWith(key);
        using var beforeRevocation = await client.GetAsync("/api/invoice/invoices");
        beforeRevocation.StatusCode.ShouldBe(HttpStatusCode.OK);

        Directory.Revoke(key);
        using var withinTheSecond = await client.GetAsync("/api/invoice/invoices");
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        using var afterTheSecond = await client.GetAsync("/api/invoice/invoices");
        using var refusedAgain = await client.GetAsync("/api/invoice/invoices");

        // The lookup is remembered for up to a second, good or bad, then asked again.
        withinTheSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterTheSecond.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refusedAgain.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Directory.VerificationsOf(key.Key).ShouldBe(2);
    }

    [Fact]
    public async Task Outage_of_the_identity_service_is_a_503_that_is_not_remembered()
    {
        var key = Directory.AddApiKey();
        using var client = ClientWith(key);

        var callsBefore = Directory.Calls;
        using var duringOutage = await GetWhileTheDirectoryFailsAsync(client, "/api/invoice/invoices");
        var callsDuringOutage = Directory.Calls - callsBefore;
        using var afterOutage = await client.GetAsync("/api/invoice/invoices");

        await duringOutage.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "Authentication unavailable");
        // Asked once: the caller gets its answer at once instead of waiting out retries.
        callsDuringOutage.ShouldBe(1);
        afterOutage.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_different_credentials_are_refused()
    {
        using var client = ClientWith(Directory.AddApiKey());
        client.DefaultRequestHeaders.Add("X-Api-Key", Directory.AddApiKey().Key);

        using var response = await client.GetAsync("/api/invoice/invoices");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("not both");
    }

    [Fact]
    public async Task Sign_in_returns_a_session_token_that_acts_as_the_user()
    {
        var user = Directory.AddUser(Roles.Admin);
        using var client = gateway.CreateAnonymousClient();

        using var signIn = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signIn.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var session = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        var sessionToken = session.GetProperty("sessionToken").GetString().ShouldNotBeNull();
        // The token lives as long as the identity service's session, not a lifetime of the gateway's own.
        session.GetProperty("expiresAt").GetDateTimeOffset()
            .ShouldBe(gateway.Clock.GetUtcNow() + FakeDirectory.SessionLifetime, TimeSpan.FromSeconds(1));
        var signedInUser = session.GetProperty("user");
        signedInUser.GetProperty("id").GetGuid().ShouldBe(user.Id);
        signedInUser.GetProperty("email").GetString().ShouldBe(user.Email);
        signedInUser.GetProperty("name").GetString().ShouldBe(user.Name);
        signedInUser.GetProperty("orgId").GetGuid().ShouldBe(user.OrgId);
        signedInUser.GetProperty("role").GetString().ShouldBe(Roles.Admin);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        var echo = (await client.GetFromJsonAsync<Echo>("/api/projection/dashboard"))!;

        echo.Authorization.ShouldNotBeNull().ShouldNotContain(sessionToken);
        var claims = await gateway.ReadInternalTokenAsync(echo.Authorization);
        // The session is named too: the identity service keeps the session's client scope by it.
        claims.SessionId.ShouldNotBeNull();
        (claims with { SessionId = null }).ShouldBe(new InternalTokenClaims(user.OrgId, Roles.Admin, ActorTypes.User, user.Id, user.Name));
    }

    [Fact]
    public async Task A_sessions_client_scope_reaches_the_services_at_once_after_the_user_changes_it()
    {
        var user = Directory.AddUser(Roles.Finance);
        var clientId = Guid.NewGuid();
        using var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(client, user));
        var unscoped = await gateway.ReadInternalTokenAsync((await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!.Authorization);
        unscoped.ClientScope.ShouldBeNull();

        Directory.ScopeSession(unscoped.SessionId.ShouldNotBeNull(), clientId);
        (await client.PutAsJsonAsync("/api/identity/session/client-scope", new { clientId })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without the clock moving: the change forgot the lookup the gateway remembered for a second.
        var scoped = await gateway.ReadInternalTokenAsync((await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!.Authorization);
        scoped.ShouldBe(unscoped with { ClientScope = clientId });
    }

    [Fact]
    public async Task Session_follows_the_users_current_role_and_ends_when_the_user_is_disabled()
    {
        var user = Directory.AddUser(Roles.Admin);
        using var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(client, user));
        var asAdmin = (await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!;
        (await gateway.ReadInternalTokenAsync(asAdmin.Authorization)).Role.ShouldBe(Roles.Admin);

        Directory.ChangeRole(user, Roles.ReadOnly);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        var demoted = (await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!;
        (await gateway.ReadInternalTokenAsync(demoted.Authorization)).Role.ShouldBe(Roles.ReadOnly);

        Directory.Disable(user);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        using var disabled = await client.GetAsync("/api/invoice/invoices");

        await disabled.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
    }

    [Fact]
    public async Task A_signed_out_session_token_is_refused_when_replayed()
    {
        var user = Directory.AddUser(Roles.Admin);
        using var client = gateway.CreateAnonymousClient();
        var token = await SignInAsync(client, user);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/invoice/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var signOut = await client.DeleteAsync("/auth/session");

        signOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // At once, not after the lookup cache's second: the clock has not moved.
        using var replayed = await client.GetAsync("/api/invoice/invoices");
        await replayed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
        (await client.DeleteAsync("/auth/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent, "signing out twice is no error");
    }

    [Fact]
    public async Task Sign_in_passes_the_choice_of_organization_through_both_ways()
    {
        var user = Directory.AddUser();
        Directory.InSeveralOrganizations(user);
        using var client = gateway.CreateAnonymousClient();

        using var ambiguous = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        var problem = await ambiguous.ShouldBeProblemAsync(HttpStatusCode.Conflict, "Choose an organization");
        problem.GetProperty("organizations")[0].GetProperty("id").GetGuid().ShouldBe(user.OrgId);

        using var chosen = await client.PostAsJsonAsync("/auth/sign-in",
            new { email = user.Email, password = user.Password, organizationId = user.OrgId });
        chosen.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_in_names_the_callers_address_and_never_one_from_the_body()
    {
        var user = Directory.AddUser();
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/auth/sign-in",
            new { email = user.Email, password = user.Password, source = "10.9.8.7" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.SignInSources.ShouldNotContain("10.9.8.7");
        Directory.SignInSources.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Sign_in_forwards_the_callers_user_agent_cut_at_512_characters_and_none_when_missing()
    {
        var user = Directory.AddUser();
        const string firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        var tooLong = "Mozilla/5.0 " + new string('x', 600);
        var before = Directory.SignInUserAgents.Count;

        foreach (var userAgent in new[] { firefox, tooLong, null })
        {
            using var client = gateway.CreateAnonymousClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in")
            {
                Content = JsonContent.Create(new { email = user.Email, password = user.Password }),
            };
            if (userAgent is not null)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            }
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        Directory.SignInUserAgents.Skip(before).ShouldBe([firefox, tooLong[..512], null]);
    }

    [Fact]
    public async Task Session_token_that_is_forged_expired_or_for_another_audience_is_refused()
    {
        var user = Directory.AddUser();
        var now = gateway.Clock.GetUtcNow();
        string[] tokens =
        [
            TestSessionTokens.For(user, new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), now, TimeSpan.FromHours(8)),
            TestSessionTokens.For(user, gateway.SessionKey, now.AddHours(-9), TimeSpan.FromHours(8)),
            // An internal token is no session: the services' key and audience.
            InternalTokens.Issue(new InternalTokenClaims(user.OrgId, Roles.Owner, ActorTypes.User, user.Id, user.Name),
                gateway.InternalTokenKey, now),
            "not-a-jwt",
        ];
        using var client = gateway.CreateAnonymousClient();

        foreach (var token in tokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);

            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
        }
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_passes_the_401_problem_through()
    {
        var user = Directory.AddUser();
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = "wrong" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid email or password");
    }

    [Fact]
    public async Task Sign_in_to_a_locked_account_passes_the_423_problem_through_asking_once()
    {
        var user = Directory.AddUser();
        Directory.Lock(user);
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Locked, "Account locked");
        problem.GetProperty("detail").GetString().ShouldBe("Too many failed sign-ins: try again in 15 minutes.");
        Directory.SignInsOf(user.Email).ShouldBe(1);
    }

    [Fact]
    public async Task Sign_in_without_a_password_is_a_400_problem()
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = "someone@example.test" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Email and password required");
        Directory.SignInsOf("someone@example.test").ShouldBe(0);
    }

    [Theory]
    [InlineData("text/plain", "email=a&password=b", HttpStatusCode.UnsupportedMediaType, "JSON expected")]
    [InlineData("application/json", "{\"email\":", HttpStatusCode.BadRequest, "Email and password required")]
    public async Task Sign_in_with_a_body_that_is_not_credentials_is_a_problem_not_a_web_page(
        string contentType, string body, HttpStatusCode status, string title)
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsync("/auth/sign-in", new StringContent(body, null, contentType));

        await response.ShouldBeProblemAsync(status, title);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    [InlineData("/alive")]
    [InlineData("/openapi/subscription.json")]
    [InlineData("/openapi/identity.json")]
    [InlineData("/scalar/")]
    [InlineData("/")]
    [InlineData("/clients/7")]
    public async Task Health_documents_and_the_web_ui_need_no_credentials(string path)
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_Xero_callback_alone_reaches_the_invoice_service_without_credentials()
    {
        using var client = gateway.CreateAnonymousClient();

        using var callback = await client.GetAsync("/api/invoice/xero/callback?code=abc&state=xyz");

        callback.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echo = (await callback.Content.ReadFromJsonAsync<Echo>())!;
        echo.Service.ShouldBe("invoice");
        echo.Query.ShouldBe("?code=abc&state=xyz");
        using var connection = await client.GetAsync("/api/invoice/xero/connection");
        await connection.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Authentication required");
    }

    private async Task<HttpResponseMessage> GetWhileTheDirectoryFailsAsync(HttpClient client, string path)
    {
        Directory.Failing = true;
        try
        {
            return await client.GetAsync(path);
        }
        finally
        {
            Directory.Failing = false;
        }
    }

    private HttpClient ClientWith(TestApiKey key)
    {
        var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return client;
    }

    private static async Task<string> SignInAsync(HttpClient client, TestUser user)
    {
        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionToken").GetString()!;
    }
}
