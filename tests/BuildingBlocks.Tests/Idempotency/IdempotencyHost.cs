using System.Collections.Concurrent;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BillingOne.BuildingBlocks.Tests.Idempotency;

/// <summary>How often each probe endpoint's handler ran.</summary>
public sealed class ProbeWork
{
    private readonly ConcurrentDictionary<string, int> runs = new();

    /// <summary>Opened by a test to let the gated endpoint finish.</summary>
    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource GateEntered { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Ran(string endpoint) => runs.AddOrUpdate(endpoint, 1, (_, count) => count + 1);

    public int Runs(string endpoint) => runs.GetValueOrDefault(endpoint);
}

public sealed record ThingRequest(string Name);

public sealed record ThingResponse(int Number, string Name);

/// <summary>
/// A service wired exactly like ours (<see cref="ServiceHostingExtensions"/>) on its own database, with probe
/// endpoints that count how often they run, and a clock that only moves when a test advances it.
/// </summary>
public sealed class IdempotencyHost : IAsyncLifetime
{
    private WebApplication? app;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ProbeWork Work { get; } = new();

    public IServiceProvider Services => app!.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:idempotencydb"] = await servers.CreateDatabaseAsync("idempotency"),
            ["ConnectionStrings:rabbitmq"] = (await servers.CreateVirtualHostAsync("idempotency")).ToString(),
            ["OTEL_SERVICE_NAME"] = "idempotency",
            [InternalTokens.SigningKeySetting] = TestTokens.SigningKeyBase64,
        });
        builder.AddServiceDefaults();
        builder.AddBillingOneService("idempotency", typeof(IdempotencyHost).Assembly);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(Work);
        // The clock jumps a day ahead in the expiry tests; the tokens are about the caller, not about time.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
            jwt => jwt.TokenValidationParameters.ValidateLifetime = false);

        app = builder.Build();
        app.UseBillingOneService();
        MapProbeEndpoints(app);
        await app.StartAsync();
    }

    public HttpClient CreateClient(Guid orgId, Guid actorId, string actorType = ActorTypes.ApiKey)
    {
        var client = app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, Roles.Admin, actorType: actorType,
            actorId: actorId);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private static void MapProbeEndpoints(WebApplication app)
    {
        var probe = app.MapGroup("/api/probe").RequireAuthorization(Policies.Admin);
        probe.MapPost("/things", (ThingRequest thing, ProbeWork work) =>
        {
            var number = work.Ran("things");
            return TypedResults.Created($"/api/probe/things/{number}", new ThingResponse(number, thing.Name));
        });
        probe.MapGet("/things", (ProbeWork work) => TypedResults.Ok(work.Ran("list")));
        probe.MapDelete("/things/{number:int}", (int number, ProbeWork work) =>
        {
            work.Ran("delete");
            return TypedResults.NoContent();
        });
        probe.MapPost("/invalid", (ProbeWork work) => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["name"] = [$"name is required (run {work.Ran("invalid")})."] }));
        probe.MapPost("/unavailable", (ProbeWork work) => TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable, detail: $"run {work.Ran("unavailable")}"));
        probe.MapPost("/throws", (ProbeWork work) =>
        {
            work.Ran("throws");
            throw new InvalidOperationException("The probe failed.");
        });
        probe.MapPost("/gated", async (ProbeWork work) =>
        {
            var number = work.Ran("gated");
            work.GateEntered.TrySetResult();
            await work.Gate.Task;
            return TypedResults.Ok(number);
        });
        probe.MapPost("/large", (ProbeWork work) =>
            TypedResults.Text(new string('x', 5 * 1024 * 1024) + work.Ran("large")));
    }
}
