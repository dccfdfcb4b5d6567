using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

/// <summary>The sign-in's second step, the enrollment gate and revoked sessions, through the gateway.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwoFactorSignInTests(GatewayFixture gateway)
{
    private const string Code = "123456";

    private FakeDirectory Directory => gateway.Directory;

    [Fact]
    public async Task A_user_with_two_factor_gets_a_challenge_not_a_session_and_the_right_code_signs_them_in()
    {
        var user = Directory.WithTwoFactor(Directory.AddUser(Roles.Admin), Code);
        using var client = gateway.CreateAnonymousClient();

        using var password = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        password.StatusCode.ShouldBe(HttpStatusCode.OK);
        password.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var step = await password.Content.ReadFromJsonAsync<JsonElement>();
        step.GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();
        step.TryGetProperty("sessionToken", out _).ShouldBeFalse("no session before the code");
        var challenge = step.GetProperty("challenge").GetGuid();

        using var signedIn = await client.PostAsJsonAsync("/auth/sign-in/two-factor", new { challenge, code = Code });

        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signedIn.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("user").GetProperty("id").GetGuid().ShouldBe(user.Id);
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", session.GetProperty("sessionToken").GetString());
        var echo = (await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!;
        (await gateway.ReadInternalTokenAsync(echo.Authorization)).ActorId.ShouldBe(user.Id);
        Directory.CodeSources.ShouldNotBeEmpty();
        Directory.CodeSources.ShouldAllBe(source => source.Length > 0);
    }

    [Fact]
    public async Task A_wrong_code_passes_the_services_401_naming_the_code_through()
    {
        var user = Directory.WithTwoFactor(Directory.AddUser(), Code);
        using var client = gateway.CreateAnonymousClient();
        var challenge = await ChallengeAsync(client, user);

        using var wrong = await client.PostAsJsonAsync("/auth/sign-in/two-factor", new { challenge, code = "654321" });

        var problem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "The code is not right.");
        problem.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_challenge_is_a_401_naming_it()
    {
        using var client = gateway.CreateAnonymousClient();

        using var unknown = await client.PostAsJsonAsync("/auth/sign-in/two-factor", new { challenge = Guid.NewGuid(), code = Code });

        var problem = await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Sign in again.");
        problem.GetProperty("errors").TryGetProperty("challengeId", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"code":"123456"}""", "challenge")]
    [InlineData("""{"challenge":"9b2f5c8e-1a7d-4c3e-8f00-3d2b1a0c9e77"}""", "code")]
    [InlineData("""{"challenge":"not-a-guid","code":"123456"}""", "challenge")]
    [InlineData("""[]""", "challenge")]
    public async Task A_code_step_without_its_members_is_a_400_naming_them_without_asking_the_service(string body,
        string field)
    {
        using var client = gateway.CreateAnonymousClient();
        var calls = Directory.Calls;

        using var response = await client.PostAsync("/auth/sign-in/two-factor",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Challenge and code required");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        Directory.Calls.ShouldBe(calls);
    }

    [Fact]
    public async Task A_code_step_that_is_not_json_is_a_415_problem()
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsync("/auth/sign-in/two-factor", new StringContent("code=123456"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "JSON expected");
    }

    [Fact]
    public async Task A_session_that_must_set_up_two_factor_reaches_only_the_users_own_account_until_it_has()
    {
        var user = Directory.MustEnrollTwoFactor(Directory.AddUser(Roles.Owner));
        using var client = gateway.CreateAnonymousClient();
        using var signIn = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        var session = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("twoFactorEnrollmentRequired").GetBoolean().ShouldBeTrue();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", session.GetProperty("sessionToken").GetString());

        using var elsewhere = await client.GetAsync("/api/invoice/invoices");
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "Two-factor setup required");
        (await client.GetAsync("/api/identity/me/two-factor")).StatusCode.ShouldBe(HttpStatusCode.OK);

        Directory.MustEnrollTwoFactor(user, must: false);
        (await client.PostAsJsonAsync("/api/identity/me/two-factor/confirm", new { code = Code }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without the clock moving: turning two-factor on forgot the lookup the gateway remembered.
        (await client.GetAsync("/api/invoice/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_revoked_from_another_browser_is_refused_once_the_one_second_cache_expires()
    {
        var user = Directory.AddUser(Roles.Finance);
        using var client = gateway.CreateAnonymousClient();
        using var signIn = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionToken").GetString());
        var echo = (await client.GetFromJsonAsync<Echo>("/api/invoice/invoices"))!;
        var sessionId = (await gateway.ReadInternalTokenAsync(echo.Authorization)).SessionId.ShouldNotBeNull();

        Directory.EndSession(sessionId);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        using var revoked = await client.GetAsync("/api/invoice/invoices");

        await revoked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "Invalid credentials");
    }

    private static async Task<Guid> ChallengeAsync(HttpClient client, TestUser user)
    {
        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetGuid();
    }
}
