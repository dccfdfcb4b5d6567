using System.Security.Claims;
using System.Text.Json;
using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Faults;
using BillingOne.Sandbox.RateLimiting;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.SuperOps;

/// <summary>
/// SuperOps' GraphQL API at <c>POST /superops/msp</c> (SuperOps' own path is <c>/msp</c>): an API token as
/// <c>Authorization: Bearer</c> and the <c>CustomerSubDomain</c> header, then <c>getInvoiceList</c> and
/// <c>getClientList</c> paged by <c>input: {page, pageSize}</c>, their selections checked against SuperOps' published
/// schema. Errors come back as GraphQL <c>errors</c>, never as a server error.
/// </summary>
public static class SuperOpsApi
{
    public const string SubDomainHeader = "CustomerSubDomain";

    public sealed record GraphQLBody(string? Query, JsonElement? Variables);

    public static IEndpointRouteBuilder MapSuperOpsApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SuperOpsOptions>>().Value;
        var limiter = new ClientRequestLimiter(options.RateLimit, app.ServiceProvider.GetRequiredService<TimeProvider>());
        app.MapPost("/superops/msp", AnswerAsync)
            .AddEndpointFilter(async (context, next) => Authenticate(context.HttpContext, options) ?? await next(context))
            .RequireClientRateLimit(limiter)
            .WithInjectedServerErrors();
        return app;
    }

    /// <summary>
    /// Checks the API token against the subdomain's and, when it matches, makes the subdomain the caller, so the
    /// sandbox's per-client rate limit counts it like any vendor's API client.
    /// </summary>
    private static IResult? Authenticate(HttpContext context, SuperOpsOptions options)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var subDomain = context.Request.Headers[SubDomainHeader].ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        if (!ClientCredentialsTokenEndpoint.IsRegistered(options.Clients, subDomain, token))
        {
            return Errors(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
                $"Send a valid API token as 'Authorization: Bearer <token>' with the {SubDomainHeader} header.");
        }
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(SandboxBearerHandler.ClientIdClaim, subDomain)], "SuperOpsApiToken"));
        return null;
    }

    private static async Task<IResult> AnswerAsync(HttpRequest request, SuperOpsDemoData data)
    {
        GraphQLBody? body = null;
        try
        {
            body = await request.ReadFromJsonAsync<GraphQLBody>(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Answered below like a body without a query.
        }
        if (string.IsNullOrWhiteSpace(body?.Query))
        {
            return Errors(StatusCodes.Status400BadRequest, "BAD_REQUEST", "Send a JSON body {\"query\": ..., \"variables\": ...}.");
        }
        if (SuperOpsGraphQLRequest.Parse(body.Query, body.Variables, out var error) is not { } query)
        {
            return Errors(StatusCodes.Status200OK, "GRAPHQL_VALIDATION_FAILED", error!);
        }
        var listType = query.Field switch
        {
            "getInvoiceList" => "InvoiceList",
            "getClientList" => "ClientList",
            _ => null,
        };
        if (listType is not null && SuperOpsSchema.Validate(listType, query.Selection) is { } invalid)
        {
            return Errors(StatusCodes.Status200OK, "GRAPHQL_VALIDATION_FAILED", invalid);
        }
        return query.Field switch
        {
            "getInvoiceList" => Data(query.Field, "invoices", data.Invoices, query),
            "getClientList" => Data(query.Field, "clients", data.Clients, query),
            _ => Errors(StatusCodes.Status200OK, "GRAPHQL_VALIDATION_FAILED",
                $"Cannot query field \"{query.Field}\" on type \"Query\". The sandbox answers getInvoiceList and getClientList."),
        };
    }

    private static IResult Data<T>(string field, string listName, IReadOnlyList<T> items, SuperOpsGraphQLRequest query)
    {
        var start = (long)(query.Page - 1) * query.PageSize;
        var page = items.Skip((int)Math.Min(start, int.MaxValue)).Take(query.PageSize).ToList();
        var listInfo = new SuperOpsListInfo(query.Page, query.PageSize, start + page.Count < items.Count, items.Count);
        return Results.Json(new Dictionary<string, object>
        {
            ["data"] = new Dictionary<string, object> { [field] = new Dictionary<string, object> { [listName] = page, ["listInfo"] = listInfo } },
        });
    }

    private static IResult Errors(int statusCode, string code, string message) => Results.Json(new
    {
        errors = new[] { new { message, extensions = new { code } } },
        data = (object?)null,
    }, statusCode: statusCode);
}
