using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Faults;
using BillingOne.Sandbox.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.NinjaOne;

/// <summary>
/// The NinjaOne public API (v2) as far as a billing connector uses it, at NinjaOne's own paths so a
/// connector only swaps its base address: the client-credentials token endpoint, then organizations and
/// devices paged by <c>pageSize</c> and <c>after</c> (the last id of the previous page; a page shorter
/// than <c>pageSize</c> is the last). Retired devices are not listed: the NinjaOne connector reads a device as online or
/// offline only, so a device removed from NinjaOne simply disappears.
/// </summary>
public static class NinjaOneApi
{
    public const string Vendor = "ninjaone";
    public const string PolicyName = "ninjaone-monitoring";
    public const string MonitoringScope = "monitoring";

    /// <summary>The sandbox caps pages so that a connector which forgets to page fails here, not in production.</summary>
    public const int MaxPageSize = 1000;

    private static readonly IReadOnlySet<string> AllowedScopes =
        new HashSet<string>(StringComparer.Ordinal) { MonitoringScope, "management", "control" };

    public static IEndpointRouteBuilder MapNinjaOneApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<NinjaOneOptions>>().Value;
        var grant = new ClientCredentialsGrant(Vendor, options.Clients, AllowedScopes, [MonitoringScope],
            options.TokenLifetime);
        var limiter = new ClientRequestLimiter(options.RateLimit, app.ServiceProvider.GetRequiredService<TimeProvider>());

        app.MapPost("/ws/oauth/token", (HttpRequest request, AccessTokenStore tokens, ILoggerFactory loggers) =>
                ClientCredentialsTokenEndpoint.IssueAsync(request, grant, tokens, loggers.CreateLogger(typeof(NinjaOneApi))))
            .AllowAnonymous();

        var api = app.MapGroup("/v2")
            .RequireAuthorization(PolicyName)
            .RequireClientRateLimit(limiter)
            .WithInjectedServerErrors();
        api.MapGet("/organizations", ListOrganizations);
        api.MapGet("/devices", ListDevices);
        return app;
    }

    /// <summary>Only tokens issued by the NinjaOne token endpoint with the monitoring scope may read.</summary>
    public static AuthorizationBuilder AddNinjaOnePolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SandboxBearerHandler.SchemeName)
            .RequireClaim(SandboxBearerHandler.VendorClaim, Vendor)
            .RequireClaim(SandboxBearerHandler.ScopeClaim, MonitoringScope));

    private static Results<Ok<List<NinjaOrganization>>, ProblemHttpResult> ListOrganizations(
        SandboxWorld world, int? pageSize, int? after)
    {
        if (InvalidPageSize(pageSize) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(world.Current.Rmm.Clients
            .Where(client => client.Id > (after ?? 0))
            .Take(pageSize ?? MaxPageSize)
            .Select(NinjaOrganization.From)
            .ToList());
    }

    private static Results<Ok<List<NinjaDevice>>, ProblemHttpResult> ListDevices(
        SandboxWorld world, int? pageSize, int? after, string? df)
    {
        if (InvalidPageSize(pageSize) is { } problem)
        {
            return problem;
        }
        if (!DeviceFilter.TryParse(df, out var filter))
        {
            return TypedResults.Problem(
                $"Device filter '{df}' is not supported here: use 'org = <id>' or 'org in (<id>, <id>, ...)'.",
                statusCode: StatusCodes.Status400BadRequest, title: "Unsupported device filter");
        }
        return TypedResults.Ok(world.Current.Rmm.Devices
            .Where(device => device.Id > (after ?? 0) && !device.IsRetired && filter.Matches(device.ClientId))
            .Take(pageSize ?? MaxPageSize)
            .Select(NinjaDevice.From)
            .ToList());
    }

    private static ProblemHttpResult? InvalidPageSize(int? pageSize) =>
        pageSize is < 1 or > MaxPageSize
            ? TypedResults.Problem($"pageSize must be between 1 and {MaxPageSize}; it was {pageSize}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid page size")
            : null;
}
