using System.Net;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class XeroRateLimitTests
{
    private const string Invoices = "/xero/api.xro/2.0/Invoices?page=1";

    [Fact]
    public async Task Past_the_minute_limit_xero_answers_429_with_retry_after_and_the_minute_problem()
    {
        await using var app = new SandboxApp { XeroMinuteLimit = 3 };
        using var client = await app.CreateXeroClientAsync();
        var remaining = new List<string>();
        for (var call = 1; call <= 3; call++)
        {
            using var response = await client.GetAsync(Invoices);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            remaining.Add(response.Headers.GetValues("X-MinLimit-Remaining").Single());
        }
        app.Clock.Advance(TimeSpan.FromSeconds(15));

        using var refused = await client.GetAsync(Invoices);

        remaining.ShouldBe(["2", "1", "0"]);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(45));
        refused.Headers.GetValues("X-Rate-Limit-Problem").Single().ShouldBe("minute");
        app.Clock.Advance(TimeSpan.FromSeconds(45));
        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Past_the_day_limit_waiting_a_minute_does_not_help()
    {
        await using var app = new SandboxApp { XeroDailyLimit = 2 };
        using var client = await app.CreateXeroClientAsync();
        (await client.GetAsync(Invoices)).Headers.GetValues("X-DayLimit-Remaining").Single().ShouldBe("1");
        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        using var refused = await client.GetAsync(Invoices);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues("X-Rate-Limit-Problem").Single().ShouldBe("day");
        // The day's window opened with the first call, a minute ago.
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Calls_refused_for_a_missing_tenant_do_not_count()
    {
        await using var app = new SandboxApp { XeroMinuteLimit = 2 };
        using var client = await app.CreateXeroClientAsync();
        var tenant = client.DefaultRequestHeaders.GetValues("xero-tenant-id").Single();
        client.DefaultRequestHeaders.Remove("xero-tenant-id");
        for (var call = 0; call < 5; call++)
        {
            (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        client.DefaultRequestHeaders.Add("xero-tenant-id", tenant);

        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
