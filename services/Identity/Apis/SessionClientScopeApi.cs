using System.ComponentModel;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

public sealed record SetClientScopeRequest(
    [property: Description("An enabled client of the organization.")] Guid? ClientId);

public sealed record ClientScopeResponse(Guid? ClientId, string? ClientName)
{
    public static ClientScopeResponse From(SessionClientScope scope) => new(scope.ClientId, scope.ClientName);
}

/// <summary>
/// "Scope to client" for a signed-in user: the scope is kept with the caller's session, and the gateway's internal
/// token for that session carries it, so every service's lists narrow to the client. An API key's scope is the one
/// it was created with and cannot be changed here.
/// </summary>
public static class SessionClientScopeApi
{
    private const string Path = "/api/identity/session/client-scope";
    private const string ClientIdField = "clientId";

    public static IEndpointRouteBuilder MapSessionClientScopeApi(this IEndpointRouteBuilder app)
    {
        var scope = app.MapGroup(Path).WithTags("Session").RequireAuthorization(Policies.Read);

        scope.MapGet("/", GetClientScope)
            .WithName("GetSessionClientScope")
            .WithSummary("The client this session is scoped to")
            .WithDescription("`clientId` and `clientName` of the client every list is narrowed to; both null for the " +
                "whole organization. For an API key: the key's own scope.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Within the client scope: a scoped user must be able to move to another client or back to the organization.
        scope.MapPut("/", SetClientScope)
            .WithName("SetSessionClientScope")
            .WithSummary("Scope this session to a client")
            .WithDescription("Narrows every list of this signed-in session to `clientId`, an enabled client of the " +
                "organization (400 naming `clientId` otherwise), until it is cleared or the session ends; changes " +
                "of organization-wide settings are refused while scoped. 400 for an API key, whose scope is its own.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        scope.MapDelete("/", ClearClientScope)
            .WithName("ClearSessionClientScope")
            .WithSummary("Clear this session's client scope")
            .WithDescription("Back to the whole organization; clearing an unscoped session changes nothing. 400 for " +
                "an API key, whose scope is its own.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<ClientScopeResponse>, ProblemHttpResult>> GetClientScope(
        HttpContext httpContext, SessionClientScopeStore store, CancellationToken cancellationToken)
    {
        var caller = InternalTokens.FromPrincipal(httpContext.User)!;
        if (SessionOf(caller) is not { } sessionId)
        {
            var name = caller.ClientScope is { } client
                ? await store.ClientNameAsync(caller.OrgId, client, cancellationToken)
                : null;
            return TypedResults.Ok(new ClientScopeResponse(caller.ClientScope, name));
        }
        var scope = await store.FindAsync(caller.OrgId, caller.ActorId, sessionId, cancellationToken);
        return scope is null ? SessionProblems.SessionNotFound() : TypedResults.Ok(ClientScopeResponse.From(scope));
    }

    public static async Task<Results<Ok<ClientScopeResponse>, ValidationProblem, ProblemHttpResult>> SetClientScope(
        SetClientScopeRequest request, HttpContext httpContext, SessionClientScopeStore store,
        CancellationToken cancellationToken)
    {
        var caller = InternalTokens.FromPrincipal(httpContext.User)!;
        if (SessionOf(caller) is not { } sessionId)
        {
            return NotASession();
        }
        if (request.ClientId is not { } clientId || clientId == Guid.Empty)
        {
            return InvalidClient("Choose the client to scope to (DELETE clears the scope).");
        }
        var change = await store.SetAsync(caller.OrgId, caller.ActorId, sessionId, clientId, cancellationToken);
        return change.Status switch
        {
            ClientScopeChangeStatus.Saved => TypedResults.Ok(ClientScopeResponse.From(change.Scope!)),
            ClientScopeChangeStatus.UnknownClient => InvalidClient(
                $"There is no client '{clientId}' in this organization (a client created a moment ago is known " +
                "here within seconds)."),
            ClientScopeChangeStatus.DisabledClient => InvalidClient(
                $"Client '{clientId}' is disabled: enable it before scoping to it."),
            _ => SessionProblems.SessionNotFound(),
        };
    }

    public static async Task<Results<Ok<ClientScopeResponse>, ProblemHttpResult>> ClearClientScope(
        HttpContext httpContext, SessionClientScopeStore store, CancellationToken cancellationToken)
    {
        var caller = InternalTokens.FromPrincipal(httpContext.User)!;
        if (SessionOf(caller) is not { } sessionId)
        {
            return NotASession();
        }
        var change = await store.SetAsync(caller.OrgId, caller.ActorId, sessionId, clientId: null, cancellationToken);
        return change.Status == ClientScopeChangeStatus.Saved
            ? TypedResults.Ok(ClientScopeResponse.From(change.Scope!))
            : SessionProblems.SessionNotFound();
    }

    /// <summary>The signed-in session the request comes from; null for API keys (and anything else without one).</summary>
    private static Guid? SessionOf(InternalTokenClaims caller) =>
        caller.ActorType == ActorTypes.User ? caller.SessionId : null;

    private static ValidationProblem InvalidClient(string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [ClientIdField] = [message] }, title: "The client scope is not valid.");

    // 400, not 403: the caller may use the endpoint (a scoped key may read its scope); what it asks is what cannot be.
    private static ProblemHttpResult NotASession() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Only a signed-in session can change its client scope.",
        detail: "An API key keeps the client scope it was created with: create a key scoped to the client instead.");
}
