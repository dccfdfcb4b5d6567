using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The organization's RMM as last synced: its devices, its organizations with their device counts and mapped
/// clients, and the snapshot history. Client-scoped callers see only what is mapped to their client.
/// </summary>
public static class DevicesApi
{
    public const string BasePath = "/api/reconciliation";

    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath).WithTags("Devices");

        group.MapGet("/devices", ListDevices)
            .RequireAuthorization(Policies.Read)
            .WithName("ListDevices")
            .WithSummary("List RMM devices")
            .WithDescription("A page of the devices the RMM lists, with their organization and its mapped client. " +
                "Filters: `search` (device or organization name), `organizationId`, `clientId`, `kind`, `state`; " +
                "`state` `pending` keeps devices awaiting approval in the RMM, which no device count includes. " +
                "`includeRemoved` adds devices no longer listed or retired. `sort` is `name` (default), `lastSeen` " +
                "or `organization`; `direction` is `asc` (default) or `desc`. " + EndpointConventions.PagingDescription);

        group.MapGet("/rmm-organizations", ListOrganizations)
            .RequireAuthorization(Policies.Read)
            .WithName("ListRmmOrganizations")
            .WithSummary("List RMM organizations")
            .WithDescription("A page of the RMM's organizations (NinjaOne organizations, Datto RMM sites) by name, " +
                "with their managed device counts in the latest snapshot and the client each is mapped to. " +
                EndpointConventions.PagingDescription);

        group.MapGet("/device-snapshots", ListSnapshots)
            .RequireAuthorization(Policies.Read)
            .WithName("ListDeviceSnapshots")
            .WithSummary("List device snapshots, latest first")
            .WithDescription("One snapshot per completed RMM sync, with its managed device totals. " +
                EndpointConventions.PagingDescription);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<DeviceResponse>>, ValidationProblem>> ListDevices(
        [AsParameters] DeviceListParameters parameters, [AsParameters] PageParameters paging, DeviceQueries queries,
        IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = DeviceListQuery.Parse(parameters.Search, parameters.OrganizationId, parameters.ClientId,
            parameters.Kind, parameters.State, parameters.IncludeRemoved, parameters.Sort, parameters.Direction,
            paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await queries.ListDevicesAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(DeviceResponse.From));
    }

    public static async Task<Results<Ok<PagedResult<RmmOrganizationResponse>>, ValidationProblem>> ListOrganizations(
        [AsParameters] RmmOrganizationListParameters parameters, [AsParameters] PageParameters paging,
        DeviceQueries queries, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var search = QueryValues.ParseText(parameters.Search, "search", DeviceListQuery.MaxSearchLength, errors);
        var includeRemoved = QueryValues.ParseBoolean(parameters.IncludeRemoved, "includeRemoved", errors) ?? false;
        var page = PageRequest.Parse(paging.Page, paging.PageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var organizations = await queries.ListOrganizationsAsync(caller.OrgId, caller.ClientScope, search,
            includeRemoved, page, cancellationToken);
        return TypedResults.Ok(organizations.Select(RmmOrganizationResponse.From));
    }

    public static async Task<Results<Ok<PagedResult<DeviceSnapshotResponse>>, ValidationProblem>> ListSnapshots(
        [AsParameters] PageParameters paging, DeviceQueries queries, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(paging.Page, paging.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var snapshots = await queries.ListSnapshotsAsync(caller.OrgId, caller.ClientScope, page, cancellationToken);
        return TypedResults.Ok(snapshots.Select(DeviceSnapshotResponse.From));
    }
}
