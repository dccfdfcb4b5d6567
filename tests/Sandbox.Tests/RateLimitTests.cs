using System.Net;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class RateLimitTests
{
    private const int PermitLimit = 3;

    [Fact]
    public async Task Past_the_limit_the_api_answers_429_with_the_seconds_until_the_window_reopens()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        using var client = await app.CreateAuthorizedClientAsync();
        (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(20.5));
        for (var request = 2; request <= PermitLimit; request++)
        {
            (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await client.GetAsync("/v2/organizations?pageSize=1");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // 60 s window opened 20.5 s ago: 39.5 s left, rounded up.
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40));
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_limit_resets_when_the_window_has_passed()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        using var client = await app.CreateAuthorizedClientAsync();
        for (var request = 1; request <= PermitLimit; request++)
        {
            (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        app.Clock.Advance(SandboxApp.RateLimitWindow);

        (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_api_client_has_its_own_window()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        using var busy = await app.CreateAuthorizedClientAsync();
        using var other = await app.CreateAuthorizedClientAsync(SandboxApp.OtherClientId, SandboxApp.OtherClientSecret);
        for (var request = 0; request <= PermitLimit; request++)
        {
            await busy.GetAsync("/v2/devices?pageSize=1");
        }

        (await busy.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await other.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unauthenticated_requests_get_401_and_do_not_use_up_the_window()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        var anonymous = app.CreateClient();
        for (var request = 0; request < PermitLimit * 2; request++)
        {
            (await anonymous.GetAsync("/v2/devices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using var client = await app.CreateAuthorizedClientAsync();

        for (var request = 1; request <= PermitLimit; request++)
        {
            (await client.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_pax8_api_has_its_own_window_beside_ninjaones()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        using var pax8 = await app.CreatePax8ClientAsync();
        for (var request = 1; request <= PermitLimit; request++)
        {
            (await ninjaOne.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await pax8.GetAsync("/v1/companies?size=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await pax8.GetAsync("/v1/subscriptions?size=1");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(SandboxApp.RateLimitWindow);
    }

    [Fact]
    public async Task The_datto_api_has_its_own_window_per_api_key()
    {
        await using var app = new SandboxApp { PermitLimit = PermitLimit };
        using var datto = await app.CreateDattoClientAsync();
        using var otherKey = await app.CreateDattoClientAsync(SandboxApp.OtherClientId, SandboxApp.OtherClientSecret);
        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        for (var request = 1; request <= PermitLimit; request++)
        {
            (await datto.GetAsync("/api/v2/account/sites?max=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await datto.GetAsync("/api/v2/account/devices?max=1");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(SandboxApp.RateLimitWindow);
        (await otherKey.GetAsync("/api/v2/account/sites?max=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ninjaOne.GetAsync("/v2/devices?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
