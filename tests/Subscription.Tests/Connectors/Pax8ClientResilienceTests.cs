using System.Diagnostics;
using System.Net;
using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Subscription.Connectors.Pax8;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class Pax8ClientResilienceTests : IDisposable
{
    private const string CompaniesPath = "/v1/companies";
    private readonly Pax8Stub stub = new();

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_in_retry_after()
    {
        stub.GivenToken();
        GivenFirstAnswers(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        var stopwatch = Stopwatch.StartNew();

        var page = await stub.CreateClient().ReadCompaniesAsync().SingleAsync();

        page.Items.ShouldHaveSingleItem();
        stub.RequestsTo(CompaniesPath).ShouldBe(2);
        // The backoff alone would be 10 ms: waiting a second shows the header was honoured.
        stopwatch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_an_answer_comes()
    {
        stub.GivenToken();
        GivenFirstAnswers(Response.Create().WithStatusCode(503), Response.Create().WithStatusCode(500));

        var page = await stub.CreateClient().ReadCompaniesAsync().SingleAsync();

        page.Items.ShouldHaveSingleItem();
        stub.RequestsTo(CompaniesPath).ShouldBe(3);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off_a_bounded_number_of_times_then_fails_naming_the_status()
    {
        stub.GivenToken();
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0)).RespondWith(Response.Create().WithStatusCode(429));

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => stub.CreateClient().ReadCompaniesAsync().ToListAsync().AsTask());

        failure.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        stub.RequestsTo(CompaniesPath).ShouldBe(new Pax8ConnectorOptions().MaxRetries + 1);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        stub.GivenToken();
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0)).RespondWith(Response.Create().WithStatusCode(404));

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => stub.CreateClient().ReadCompaniesAsync().ToListAsync().AsTask());

        failure.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        stub.RequestsTo(CompaniesPath).ShouldBe(1);
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_and_the_request_sent_again()
    {
        stub.Server.Given(Request.Create().WithPath(Pax8Stub.TokenPath).UsingPost())
            .InScenario("token").WillSetStateTo("renewed").RespondWith(Pax8Stub.TokenResponse("expired-token"));
        stub.Server.Given(Request.Create().WithPath(Pax8Stub.TokenPath).UsingPost())
            .InScenario("token").WhenStateIs("renewed").RespondWith(Pax8Stub.TokenResponse("fresh-token"));
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0).WithHeader("Authorization", "Bearer expired-token"))
            .RespondWith(Response.Create().WithStatusCode(401));
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0).WithHeader("Authorization", "Bearer fresh-token"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(OneCompany()));

        var page = await stub.CreateClient().ReadCompaniesAsync().SingleAsync();

        page.Items.ShouldHaveSingleItem();
        stub.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task A_token_refused_again_after_one_renewal_fails_clearly_instead_of_asking_for_more()
    {
        stub.GivenToken();
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0)).RespondWith(Response.Create().WithStatusCode(401)
            .WithHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));

        var failure = await Should.ThrowAsync<AccessTokenRejectedException>(
            () => stub.CreateClient().ReadCompaniesAsync().ToListAsync().AsTask());

        failure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        stub.TokenRequests.ShouldBe(2);
        stub.RequestsTo(CompaniesPath).ShouldBe(2);
    }

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_until_it_is_about_to_expire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        stub.GivenToken(expiresIn: 3600);
        stub.GivenPage("companies", 0, OneCompany());
        var client = stub.CreateClient(clock);

        await client.ReadCompaniesAsync().SingleAsync();
        await client.ReadCompaniesAsync().SingleAsync();
        stub.TokenRequests.ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(59));
        await client.ReadCompaniesAsync().SingleAsync();

        stub.TokenRequests.ShouldBe(2, "a token within a minute of expiry is renewed before use");
    }

    [Fact]
    public async Task Refused_credentials_fail_with_the_token_endpoints_reason()
    {
        stub.Server.Given(Request.Create().WithPath(Pax8Stub.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401)
                .WithBodyAsJson(new { error = "invalid_client", error_description = "Unknown client" }));

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => stub.CreateClient().ReadCompaniesAsync().ToListAsync().AsTask());

        failure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        failure.Message.ShouldContain("invalid_client");
        stub.RequestsTo(CompaniesPath).ShouldBe(0);
    }

    private void GivenFirstAnswers(params IResponseBuilder[] failures)
    {
        for (var attempt = 0; attempt < failures.Length; attempt++)
        {
            var mapping = stub.Server.Given(Pax8Stub.PageRequest("companies", 0)).InScenario("flaky");
            var after = mapping.WillSetStateTo($"failed-{attempt}");
            (attempt == 0 ? after : after.WhenStateIs($"failed-{attempt - 1}")).RespondWith(failures[attempt]);
        }
        stub.Server.Given(Pax8Stub.PageRequest("companies", 0)).InScenario("flaky")
            .WhenStateIs($"failed-{failures.Length - 1}")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(OneCompany()));
    }

    private static object OneCompany() => Pax8Stub.Page(0, 1,
        [new { id = Pax8Stub.IdOf(1), name = "Bayside Legal", status = "Active" }]);

    public void Dispose() => stub.Dispose();
}
