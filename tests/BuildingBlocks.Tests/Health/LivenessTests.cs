using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Health;

/// <summary>
/// <c>/alive</c>, which the orchestrator's liveness probe reads: it fails once a request has waited
/// <see cref="RequestProgress.StallAfter"/> for its answer and no request has been answered in that time (a wedged
/// process), and never for a process that is merely slow or idle, nor for a stream that has begun answering.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LivenessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDefaults();
        app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/stuck", async () =>
        {
            await release.Task;
            return "answered";
        });
        app.MapGet("/quick", () => "answered");
        app.MapGet("/stream", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("begun");
            await context.Response.Body.FlushAsync();
            await release.Task;
        });
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Alive_fails_once_a_request_waits_past_the_stall_bound_with_nothing_answered_meanwhile()
    {
        var stuck = client.GetAsync("/stuck");
        await WaitingAsync();

        clock.Advance(RequestProgress.StallAfter - TimeSpan.FromSeconds(1));
        (await AliveAsync()).ShouldBe(HttpStatusCode.OK, "not yet past the bound");
        clock.Advance(TimeSpan.FromSeconds(2));
        (await AliveAsync()).ShouldBe(HttpStatusCode.ServiceUnavailable);

        release.SetResult();
        (await (await stuck).Content.ReadAsStringAsync()).ShouldBe("answered");
        (await AliveAsync()).ShouldBe(HttpStatusCode.OK, "answering again is progress");
    }

    [Fact]
    public async Task A_slow_request_is_no_stall_while_other_requests_are_answered()
    {
        var slow = client.GetAsync("/stuck");
        await WaitingAsync();

        clock.Advance(RequestProgress.StallAfter - TimeSpan.FromSeconds(10));
        (await client.GetAsync("/quick")).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromSeconds(20));

        (await AliveAsync()).ShouldBe(HttpStatusCode.OK);
        release.SetResult();
        await slow;
    }

    [Fact]
    public async Task A_stream_that_has_begun_answering_and_an_idle_process_are_alive()
    {
        using var stream = await client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead);
        clock.Advance(RequestProgress.StallAfter * 3);

        (await AliveAsync()).ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpStatusCode> AliveAsync()
    {
        using var alive = await client.GetAsync("/alive");
        return alive.StatusCode;
    }

    /// <summary>Gives the request sent just before the time to reach its endpoint, where it waits.</summary>
    private async Task WaitingAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        (await AliveAsync()).ShouldBe(HttpStatusCode.OK);
    }
}
