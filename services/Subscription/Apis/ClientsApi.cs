using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// The organization's clients. Name and time zone are edited with PATCH; enabling and disabling are separate
/// actions (<c>POST /{id}/enable</c>, <c>POST /{id}/disable</c>) because they are state transitions an operator
/// triggers from the list's Actions column, not field edits. Every action is idempotent: repeating it
/// changes nothing and publishes nothing.
/// </summary>
public static class ClientsApi
{
    private const string BasePath = "/api/subscription/clients";

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup(BasePath).WithTags("Clients");

        clients.MapList(ListClients, "ListClients", "List clients",
            "A page of the organization's clients. `search` matches any part of the name, ignoring case; " +
                "`sort` is `name` (default), `createdAt` or `updatedAt`; `direction` is `asc` (default) or `desc`;");

        clients.MapItem(GetClient, "GetClient", "Get a client");

        clients.MapPost("/", CreateClient)
            .RequireAuthorization(Policies.Billing)
            .WithName("CreateClient")
            .WithSummary("Create a client")
            .WithDescription("Creates an enabled client. `name` is required (1–200 characters, unique in the " +
                "organization ignoring case); `timeZone` is an IANA id and defaults to the organization's zone (UTC).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        clients.MapPatch("/{id:guid}", UpdateClient)
            .RequireAuthorization(Policies.Billing)
            .WithName("UpdateClient")
            .WithinClientScope()
            .WithSummary("Rename a client or change its time zone")
            .WithDescription("Sets the given members (`name`, `timeZone`); absent members stay as they are. " +
                "Setting the current values changes nothing and keeps the version.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        clients.MapPost("/{id:guid}/enable", EnableClient)
            .RequireAuthorization(Policies.Billing)
            .WithName("EnableClient")
            .WithinClientScope()
            .WithSummary("Enable a client")
            .WithDescription("Includes the client in billing again. Enabling an enabled client changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPost("/{id:guid}/disable", DisableClient)
            .RequireAuthorization(Policies.Billing)
            .WithName("DisableClient")
            .WithinClientScope()
            .WithSummary("Disable a client")
            .WithDescription("Excludes the client from billing; its history is kept. Disabling a disabled client " +
                "changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<ClientResponse>>, ValidationProblem>> ListClients(
        [AsParameters] ClientListParameters parameters, [AsParameters] PageParameters paging,
        ClientStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientListQuery.Parse(parameters.Search, parameters.Sort, parameters.Direction, paging.Page,
            paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(ClientResponse.From));
    }

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetClient(
        Guid id, ClientStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var client = await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken);
        return client is null ? ClientNotFound(id) : TypedResults.Ok(ClientResponse.From(client));
    }

    public static async Task<Results<Created<ClientResponse>, ValidationProblem, ProblemHttpResult>> CreateClient(
        CreateClientRequest request, ClientStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var newClient = NewClient.Create(request.Name, request.TimeZone, errors);
        if (newClient is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The client is not valid.");
        }
        var result = await store.CreateAsync(caller.OrgId, newClient, cancellationToken);
        if (result.Status == ClientWriteStatus.DuplicateName)
        {
            return DuplicateName(newClient.Name);
        }
        var client = result.Client!;
        // A relative location stays right behind the gateway, which forwards paths unchanged.
        return TypedResults.Created($"{BasePath}/{client.Id}", ClientResponse.From(client));
    }

    public static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> UpdateClient(
        Guid id, UpdateClientRequest request, ClientStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var changes = ClientChanges.ForEdit(request.Name, request.TimeZone, errors);
        if (changes is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The change is not valid.");
        }
        var result = await store.UpdateAsync(caller.OrgId, caller.ClientScope, id, changes, cancellationToken);
        if (result.Status == ClientWriteStatus.DuplicateName)
        {
            return DuplicateName(changes.Name!);
        }
        return result.Client is null ? ClientNotFound(id) : TypedResults.Ok(ClientResponse.From(result.Client));
    }

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> EnableClient(
        Guid id, ClientStore store, IActorContext caller, CancellationToken cancellationToken) =>
        ToResponse(id, await store.UpdateAsync(caller.OrgId, caller.ClientScope, id, ClientChanges.Enable, cancellationToken));

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> DisableClient(
        Guid id, ClientStore store, IActorContext caller, CancellationToken cancellationToken) =>
        ToResponse(id, await store.UpdateAsync(caller.OrgId, caller.ClientScope, id, ClientChanges.Disable, cancellationToken));

    private static Results<Ok<ClientResponse>, ProblemHttpResult> ToResponse(Guid id, ClientWriteResult result) =>
        result.Client is null ? ClientNotFound(id) : TypedResults.Ok(ClientResponse.From(result.Client));

    private static ProblemHttpResult ClientNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Client not found.",
        detail: $"There is no client '{id}' in this organization.");

    private static ProblemHttpResult DuplicateName(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Client name already in use.",
        detail: $"Another client of this organization is already named '{name}' (names are compared ignoring case).");

}
