using System.Net;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class XeroRateLimitTests
{
    private const string Invoices = "/xero/api.xro/2.0/Invoices?page=1";

    [Fact]
    public async Task Every_answer_carries_the_app_minute_tenant_minute_and_day_calls_left_as_xero_documents_them()
    {
        await using var app = new SandboxApp { XeroMinuteLimit = 60, XeroDailyLimit = 5000, XeroAppMinuteLimit = 10_000 };
        using var client = await app.CreateXeroClientAsync();

        using var first = await client.GetAsync(Invoices);
        using var second = await client.GetAsync("/xero/api.xro/2.0/Contacts?page=1");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        Remaining(first).ShouldBe(("9999", "59", "4999"));
        Remaining(second).ShouldBe(("9998", "58", "4998"));
    }

    [Fact]
    public async Task Past_the_apps_minute_limit_xero_answers_429_with_the_app_minute_problem_before_counting_the_tenant()
    {
        await using var app = new SandboxApp { XeroAppMinuteLimit = 2 };
        using var client = await app.CreateXeroClientAsync();
        (await client.GetAsync(Invoices)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Invoices)).Headers.GetValues("X-AppMinLimit-Remaining").Single().ShouldBe("0");
        app.Clock.Advance(TimeSpan.FromSeconds(10));

        using var refused = await client.GetAsync(Invoices);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues("X-Rate-Limit-Problem").Single().ShouldBe("appminute");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(50));
        refused.Headers.Contains("X-MinLimit-Remaining").ShouldBeFalse("a call refused for the app is not counted for the tenant");
    }

    private static (string App, string Minute, string Day) Remaining(HttpResponseMessage response) => (
        response.Headers.GetValues("X-AppMinLimit-Remaining").Single(),
        response.Headers.GetValues("X-MinLimit-Remaining").Single(),
        response.Headers.GetValues("X-DayLimit-Remaining").Single());

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
