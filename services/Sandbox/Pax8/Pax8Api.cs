using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Faults;
using BillingOne.Sandbox.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Pax8;

/// <summary>
/// The Pax8 partner API (v1) as far as a billing connector reads it, at Pax8's own paths so a connector only swaps
/// its base and token addresses: the Auth0-style token endpoint (JSON body naming the audience), then companies,
/// products and subscriptions paged by <c>page</c> (from 0) and <c>size</c>, each answer carrying a
/// <c>page</c> object with the totals.
/// </summary>
public static class Pax8Api
{
    public const string Vendor = "pax8";
    public const string PolicyName = "pax8-partner";
    public const string PartnerScope = "partner";
    public const int DefaultPageSize = 10;

    /// <summary>The largest quantity an update may set; Pax8's own limits depend on the product.</summary>
    public const int MaxQuantity = 100_000;

    /// <summary>Pax8 refuses pages larger than 200.</summary>
    public const int MaxPageSize = 200;

    private static readonly IReadOnlySet<string> AllowedScopes = new HashSet<string>(StringComparer.Ordinal) { PartnerScope };

    public static IEndpointRouteBuilder MapPax8Api(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<Pax8Options>>().Value;
        var grant = new ClientCredentialsGrant(Vendor, options.Clients, AllowedScopes, [PartnerScope],
            options.TokenLifetime);
        var limiter = new ClientRequestLimiter(options.RateLimit, app.ServiceProvider.GetRequiredService<TimeProvider>());

        app.MapPost("/oauth/token", (HttpRequest request, AccessTokenStore tokens, ILoggerFactory loggers) =>
                ClientCredentialsTokenEndpoint.IssueForAudienceAsync(request, grant, options.Audience, tokens,
                    loggers.CreateLogger(typeof(Pax8Api))))
            .AllowAnonymous();

        var api = app.MapGroup("/v1")
            .RequireAuthorization(PolicyName)
            .RequireClientRateLimit(limiter)
            .WithInjectedServerErrors();
        api.MapGet("/companies", (SandboxWorld world, int? page, int? size) => PageOf(world.Current.Pax8.Companies, page, size));
        api.MapGet("/products", (SandboxWorld world, int? page, int? size) => PageOf(world.Current.Pax8.Products, page, size));
        api.MapGet("/subscriptions", (SandboxWorld world, int? page, int? size, Guid? companyId) =>
        {
            var subscriptions = world.Current.Pax8.Subscriptions;
            return PageOf(companyId is { } id ? [.. subscriptions.Where(subscription => subscription.CompanyId == id)] : subscriptions,
                page, size);
        });
        // One subscription, as a connector re-reads it when a webhook names it; 404 once it no longer exists.
        api.MapGet("/subscriptions/{id:guid}", (SandboxWorld world, Guid id) =>
            world.Current.Pax8.Subscriptions.FirstOrDefault(subscription => subscription.Id == id) is { } found
                ? Results.Ok(found)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found"));
        api.MapPut("/subscriptions/{id:guid}", UpdateSubscription);
        return app;
    }

    /// <summary>
    /// A subscription's update as Pax8 documents it: the body restates <c>quantity</c> (required here; the sandbox
    /// changes nothing else) and may restate <c>billingTerm</c> and <c>startDate</c>, which must then be the
    /// subscription's own. Only an active subscription changes, to between 1 and <see cref="MaxQuantity"/> (ending
    /// one is a cancellation, not an update). Answers the updated subscription.
    /// </summary>
    private static Results<Ok<Pax8Subscription>, ProblemHttpResult, ValidationProblem> UpdateSubscription(
        Guid id, Pax8SubscriptionUpdate? update, SandboxWorld world, Pax8UpdateFaults faults)
    {
        if (faults.Fails(id))
        {
            return TypedResults.Problem("The sandbox fails every update of this subscription on purpose (/sandbox/faults).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        }
        var subscription = world.Current.Pax8.Subscriptions.FirstOrDefault(candidate => candidate.Id == id);
        if (subscription is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found");
        }
        var errors = new Dictionary<string, string[]>();
        if (update?.Quantity is not { } quantity || quantity is < 1 or > MaxQuantity)
        {
            errors["quantity"] = [$"quantity is required, between 1 and {MaxQuantity}."];
        }
        if (update?.BillingTerm is { } term && term != subscription.BillingTerm)
        {
            errors["billingTerm"] = [$"billingTerm is {subscription.BillingTerm} and cannot be changed by an update."];
        }
        if (update?.StartDate is { } start
            && DateOnly.FromDateTime(start.UtcDateTime) != DateOnly.FromDateTime(subscription.StartDate.UtcDateTime))
        {
            errors["startDate"] = ["startDate cannot be changed by an update."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid subscription update");
        }
        if (subscription.Status != "Active")
        {
            return TypedResults.Problem($"Only an active subscription can be updated; this one is {subscription.Status}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Subscription not active");
        }
        return world.ChangePax8Quantity(id, update!.Quantity!.Value) is { } updated
            ? TypedResults.Ok(updated)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found");
    }

    /// <summary>Only tokens issued by the Pax8 token endpoint may read.</summary>
    public static AuthorizationBuilder AddPax8Policy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SandboxBearerHandler.SchemeName)
            .RequireClaim(SandboxBearerHandler.VendorClaim, Vendor)
            .RequireClaim(SandboxBearerHandler.ScopeClaim, PartnerScope));

    /// <summary>A page past the last is empty but still reports the totals, as Pax8's does.</summary>
    private static Results<Ok<Pax8Page<T>>, ProblemHttpResult> PageOf<T>(IReadOnlyList<T> items, int? page, int? size)
    {
        var number = page ?? 0;
        var pageSize = size ?? DefaultPageSize;
        if (number < 0 || pageSize is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem(
                $"page must be 0 or more and size between 1 and {MaxPageSize}; they were {number} and {pageSize}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid page");
        }
        var content = items.Skip((int)Math.Min((long)number * pageSize, int.MaxValue)).Take(pageSize).ToList();
        var totalPages = (items.Count + pageSize - 1) / pageSize;
        return TypedResults.Ok(new Pax8Page<T>(content, new Pax8PageMetadata(pageSize, items.Count, totalPages, number)));
    }
}
