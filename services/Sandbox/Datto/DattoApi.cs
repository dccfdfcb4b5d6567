using System.Globalization;
using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Faults;
using BillingOne.Sandbox.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Datto;

/// <summary>
/// The Datto RMM API (v2) as far as a billing connector reads it, at Datto's own paths so a connector only swaps its
/// platform URL: the password-grant token endpoint, then sites and devices paged by <c>page</c> (from 0) and
/// <c>max</c>, each answer carrying <c>pageDetails</c> whose <c>nextPageUrl</c> is null on the last page.
/// </summary>
public static class DattoApi
{
    public const string Vendor = "datto";
    public const string PolicyName = "datto-rmm";

    /// <summary>The only scope Datto grants.</summary>
    public const string DefaultScope = "default";

    /// <summary>Datto's largest page, which is also what it serves when <c>max</c> is left out.</summary>
    public const int MaxPageSize = 250;

    private static readonly IReadOnlySet<string> AllowedScopes = new HashSet<string>(StringComparer.Ordinal) { DefaultScope };

    public static IEndpointRouteBuilder MapDattoApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DattoOptions>>().Value;
        var grant = new ClientCredentialsGrant(Vendor, options.Clients, AllowedScopes, [DefaultScope], options.TokenLifetime);
        var limiter = new ClientRequestLimiter(options.RateLimit, app.ServiceProvider.GetRequiredService<TimeProvider>());

        app.MapPost("/auth/oauth/token", (HttpRequest request, AccessTokenStore tokens, ILoggerFactory loggers) =>
                PasswordGrantTokenEndpoint.IssueAsync(request, grant, options.PublicClient, tokens,
                    loggers.CreateLogger(typeof(DattoApi))))
            .AllowAnonymous();

        var api = app.MapGroup("/api/v2")
            .RequireAuthorization(PolicyName)
            .RequireClientRateLimit(limiter)
            .WithInjectedServerErrors();
        api.MapGet("/account/sites", ListSites);
        api.MapGet("/account/devices", ListAccountDevices);
        api.MapGet("/site/{siteUid:guid}/devices", ListSiteDevices);
        return app;
    }

    /// <summary>Only tokens issued by the Datto token endpoint may read.</summary>
    public static AuthorizationBuilder AddDattoPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SandboxBearerHandler.SchemeName)
            .RequireClaim(SandboxBearerHandler.VendorClaim, Vendor)
            .RequireClaim(SandboxBearerHandler.ScopeClaim, DefaultScope));

    private static Results<Ok<DattoSitesPage>, ProblemHttpResult> ListSites(
        HttpRequest request, SandboxWorld world, int? page, int? max)
    {
        var rmm = world.Current.Rmm;
        if (Slice(request, rmm.Clients, page, max) is not ({ } clients, { } details))
        {
            return InvalidPage(page, max);
        }
        var liveDevices = rmm.Devices.Where(device => !device.IsRetired).ToLookup(device => device.ClientId);
        return TypedResults.Ok(new DattoSitesPage(details,
            [.. clients.Select(client => DattoSite.From(client, world.Seed, [.. liveDevices[client.Id]]))]));
    }

    private static Results<Ok<DattoDevicesPage>, ProblemHttpResult> ListAccountDevices(
        HttpRequest request, SandboxWorld world, int? page, int? max) =>
        DevicesPage(request, world, world.Current.Rmm, world.Current.Rmm.Devices, page, max);

    private static Results<Ok<DattoDevicesPage>, ProblemHttpResult> ListSiteDevices(
        HttpRequest request, SandboxWorld world, Guid siteUid, int? page, int? max)
    {
        var rmm = world.Current.Rmm;
        var client = rmm.Clients.FirstOrDefault(candidate => DattoIds.Site(world.Seed, candidate.Id) == siteUid);
        if (client is null)
        {
            return TypedResults.Problem($"No site has uid {siteUid}.", statusCode: StatusCodes.Status404NotFound,
                title: "Site not found");
        }
        return DevicesPage(request, world, rmm, [.. rmm.Devices.Where(device => device.ClientId == client.Id)], page, max);
    }

    private static Results<Ok<DattoDevicesPage>, ProblemHttpResult> DevicesPage(
        HttpRequest request, SandboxWorld world, DemoDataSet rmm, IReadOnlyList<DemoDevice> devices, int? page, int? max)
    {
        if (Slice(request, devices, page, max) is not ({ } slice, { } details))
        {
            return InvalidPage(page, max);
        }
        var clients = rmm.Clients.ToDictionary(client => client.Id);
        return TypedResults.Ok(new DattoDevicesPage(details,
            [.. slice.Select(device => DattoDevice.From(device, clients[device.ClientId], world.Seed))]));
    }

    /// <summary>
    /// The page's items and details, or nulls when <c>page</c> or <c>max</c> is out of range. A page past the last is
    /// empty and has no next page. Links repeat the request's own address with <c>max</c> and <c>page</c> only.
    /// </summary>
    private static (List<T>? Items, DattoPageDetails? Details) Slice<T>(
        HttpRequest request, IReadOnlyList<T> items, int? page, int? max)
    {
        var number = page ?? 0;
        var size = max ?? MaxPageSize;
        if (number < 0 || size is < 1 or > MaxPageSize)
        {
            return (null, null);
        }
        var start = Math.Min((long)number * size, items.Count);
        var slice = items.Skip((int)start).Take(size).ToList();
        var next = start + slice.Count < items.Count ? PageUrl(request, size, number + 1) : null;
        var previous = number > 0 ? PageUrl(request, size, number - 1) : null;
        return (slice, new DattoPageDetails(slice.Count, items.Count, previous, next));
    }

    private static string PageUrl(HttpRequest request, int size, int number) => string.Create(CultureInfo.InvariantCulture,
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?max={size}&page={number}");

    private static ProblemHttpResult InvalidPage(int? page, int? max) => TypedResults.Problem(
        $"page must be 0 or more and max between 1 and {MaxPageSize}; they were {page ?? 0} and {max ?? MaxPageSize}.",
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid page");
}
