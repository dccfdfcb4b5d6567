using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(RateLimitedGatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RateLimitTests(RateLimitedGatewayFixture gateway)
{
    [Fact]
    public async Task Api_key_over_its_budget_gets_a_429_problem_with_retry_after_while_other_keys_go_on()
    {
        using var spender = ClientWith(gateway.Directory.AddApiKey(Roles.Finance));
        using var other = ClientWith(gateway.Directory.AddApiKey(Roles.Finance));

        var statuses = await SendAsync(spender, RateLimitedGatewayFixture.RequestsPerMinute);
        using var overBudget = await spender.GetAsync("/api/invoice/invoices");
        using var otherKey = await other.GetAsync("/api/invoice/invoices");

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        await overBudget.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many requests");
        ShouldBeWithinTheWindow(overBudget.Headers.RetryAfter);
        otherKey.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ingest_key_has_the_larger_budget()
    {
        using var client = ClientWith(gateway.Directory.AddApiKey(Roles.Ingest));

        var statuses = await SendAsync(client, RateLimitedGatewayFixture.IngestRequestsPerMinute);
        using var overBudget = await client.GetAsync("/api/ingestion/readings");

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        await overBudget.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many requests");
    }

    [Fact]
    public async Task Signed_in_user_over_the_budget_gets_a_429_problem()
    {
        var user = gateway.Directory.AddUser();
        using var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestSessionTokens.For(user, gateway.SessionKey, gateway.Clock.GetUtcNow(), TimeSpan.FromHours(8),
                gateway.Directory.OpenSession(user)));

        var statuses = await SendAsync(client, RateLimitedGatewayFixture.RequestsPerMinute);
        using var overBudget = await client.GetAsync("/api/invoice/invoices");

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        var problem = await overBudget.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many requests");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("user");
        ShouldBeWithinTheWindow(overBudget.Headers.RetryAfter);
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_budget_get_a_429_problem_before_reaching_the_service()
    {
        var user = gateway.Directory.AddUser();
        using var client = gateway.CreateAnonymousClient();
        var attempt = new { email = user.Email, password = "guess" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedGatewayFixture.SignInAttemptsPerMinute; i++)
        {
            using var response = await client.PostAsJsonAsync("/auth/sign-in", attempt);
            statuses.Add(response.StatusCode);
        }
        using var overBudget = await client.PostAsJsonAsync("/auth/sign-in", new { email = user.Email, password = user.Password });

        statuses.ShouldAllBe(status => status == HttpStatusCode.Unauthorized);
        await overBudget.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many sign-in attempts");
        ShouldBeWithinTheWindow(overBudget.Headers.RetryAfter);
        gateway.Directory.SignInsOf(user.Email).ShouldBe(RateLimitedGatewayFixture.SignInAttemptsPerMinute);
    }

    [Fact]
    public async Task Sign_ins_relayed_by_a_trusted_proxy_are_counted_per_browser_address()
    {
        // The web app signs users in from its own address and names the browser in X-Forwarded-For; loopback is a
        // trusted proxy, so one browser using up its budget leaves every other browser able to sign in.
        var user = gateway.Directory.AddUser();
        using var client = gateway.CreateAnonymousClient();
        const string busyBrowser = "203.0.113.7";
        const string otherBrowser = "198.51.100.9";

        for (var i = 0; i < RateLimitedGatewayFixture.SignInAttemptsPerMinute; i++)
        {
            using var attempt = await SignInFromAsync(client, busyBrowser, user.Email, "guess");
            attempt.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using var overBudget = await SignInFromAsync(client, busyBrowser, user.Email, user.Password);
        using var other = await SignInFromAsync(client, otherBrowser, user.Email, user.Password);

        await overBudget.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many sign-in attempts");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string browser, string email,
        string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in")
        {
            Content = JsonContent.Create(new { email, password }),
        };
        request.Headers.Add("X-Forwarded-For", browser);
        return client.SendAsync(request);
    }

    private static void ShouldBeWithinTheWindow(RetryConditionHeaderValue? retryAfter) =>
        retryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(1, 60);

    private static async Task<List<HttpStatusCode>> SendAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/api/ingestion/readings");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private HttpClient ClientWith(TestApiKey key)
    {
        var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return client;
    }
}
