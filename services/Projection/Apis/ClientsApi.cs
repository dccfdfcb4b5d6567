using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>The Clients screen: every client of the organization with its billing snapshot.</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/projection/clients").WithTags("Clients")
            .RequireAuthorization(Policies.Read);

        clients.MapGet("/", ListClientSnapshots)
            .WithName("ListClientSnapshots")
            .WithSummary("List clients with their billing snapshot")
            .WithDescription("MRR, subscriptions, devices, device and user licences, variance, reconciliation " +
                "status, total spend and billing contact (as the client's detail has them) per client. " +
                "`search` matches any part of the name, ignoring case; `status` is `matched`, `under-licensed`, " +
                "`over-licensed` or `no-data` (absent = all); `sort` is `mrr` (default), `name`, `subscriptions`, " +
                "`devices`, `licenses`, `variance` or `totalSpend`; `direction` defaults to `desc` for figures and " +
                "`asc` for the name, and equal figures are ordered by name. Clients without a variance (no device " +
                "snapshot) or without spend come last in either direction; spend is ordered by currency (A–Z), then " +
                "by amount within it. " + EndpointConventions.PagingDescription);

        clients.MapGet("/{clientId:guid}", GetClientSnapshot)
            .WithName("GetClientSnapshot")
            .WithSummary("Get a client's billing snapshot")
            .WithDescription("The list's row with device and user licences, the device snapshot's time, open missed " +
                "billing, and from the client's invoices: their count, the total spend (invoices not voided) and the " +
                "billing contact (the latest invoice's).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<ClientSnapshotResponse>>, ValidationProblem>> ListClientSnapshots(
        [AsParameters] ClientSnapshotListParameters parameters, [AsParameters] PageParameters paging,
        ClientSnapshotStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientSnapshotQuery.Parse(parameters.Search, parameters.Status, parameters.Sort,
            parameters.Direction, paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(ClientSnapshotResponse.From));
    }

    public static async Task<Results<Ok<ClientDetailResponse>, ProblemHttpResult>> GetClientSnapshot(
        Guid clientId, ClientSnapshotStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var snapshot = await store.FindAsync(caller.OrgId, caller.ClientScope, clientId, cancellationToken);
        if (snapshot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found.",
                detail: $"There is no client '{clientId}' in this organization's read model.");
        }
        var invoices = await store.InvoiceFiguresAsync(caller.OrgId, clientId, cancellationToken);
        return TypedResults.Ok(ClientDetailResponse.From(snapshot, invoices));
    }
}
