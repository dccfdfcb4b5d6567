using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class ServerErrorTests
{
    private static readonly string[] VendorUrls =
        ["/v2/devices?pageSize=1", "/v1/companies?size=1", "/api/v2/account/sites?max=1"];

    [Fact]
    public async Task At_rate_1_every_vendor_api_request_gets_503_with_a_problem()
    {
        await using var app = new SandboxApp { ServerErrorRate = 1 };
        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        using var pax8 = await app.CreatePax8ClientAsync();
        using var datto = await app.CreateDattoClientAsync();

        foreach (var (client, url) in new[] { ninjaOne, pax8, datto }.Zip(VendorUrls))
        {
            using var response = await client.GetAsync(url);

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadAsStringAsync()).ShouldContain("ServerErrorRate");
        }
    }

    [Fact]
    public async Task Token_and_sandbox_endpoints_never_fail_and_unauthenticated_requests_still_get_401()
    {
        await using var app = new SandboxApp { ServerErrorRate = 1 };
        var anonymous = app.CreateClient();

        // The token requests inside these helpers fail the test unless they succeed.
        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        using var pax8 = await app.CreatePax8ClientAsync();
        using var datto = await app.CreateDattoClientAsync();

        (await anonymous.GetAsync("/sandbox/changes")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostAsync("/sandbox/changes", content: null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/sandbox/billingone-clients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/v2/devices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Xero_and_superops_apis_fail_too_while_their_oauth_and_sandbox_endpoints_do_not()
    {
        await using var app = new SandboxApp { ServerErrorRate = 1 };
        // Connecting walks the consent, token and connections endpoints, and fails the test unless each succeeds.
        using var xero = await app.CreateXeroClientAsync();
        using var superOps = app.CreateClient();
        superOps.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxApp.ClientSecret);
        superOps.DefaultRequestHeaders.Add("CustomerSubDomain", SandboxApp.ClientId);

        using var invoices = await xero.GetAsync("/xero/api.xro/2.0/Invoices?page=1");
        using var graphQL = await superOps.PostAsync("/superops/msp",
            JsonContent.Create(new { query = "{ getClientList(input: {page: 1}) { clients { name } } }" }));

        invoices.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        graphQL.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await app.CreateClient().GetAsync("/sandbox/xero/underbilled")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_partial_rate_fails_about_that_share_at_the_same_requests_in_every_run()
    {
        await using var app = new SandboxApp { ServerErrorRate = 0.3 };
        await using var twin = new SandboxApp { ServerErrorRate = 0.3 };

        var failures = await FailuresAsync(app);
        var again = await FailuresAsync(twin);

        failures.Count.ShouldBeInRange(30, 90, "about 30% of 200");
        again.ShouldBe(failures);
    }

    [Fact]
    public async Task By_default_no_request_fails()
    {
        await using var app = new SandboxApp();

        (await FailuresAsync(app)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void A_rate_outside_0_to_1_stops_the_sandbox_at_start(double rate)
    {
        using var app = new SandboxApp { ServerErrorRate = rate };

        var failure = Should.Throw<Exception>(() => app.CreateClient());

        failure.ToString().ShouldContain("Sandbox:Faults:ServerErrorRate must be between 0 and 1");
    }

    /// <summary>The indexes of the failed ones among 200 NinjaOne requests.</summary>
    private static async Task<List<int>> FailuresAsync(SandboxApp app)
    {
        using var client = await app.CreateAuthorizedClientAsync();
        var failures = new List<int>();
        for (var request = 0; request < 200; request++)
        {
            using var response = await client.GetAsync("/v2/organizations?pageSize=1");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                failures.Add(request);
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }
        return failures;
    }
}
