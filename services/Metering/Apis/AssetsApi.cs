using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// The organization's assets (seed "Assets", "Unassigned/Unbound/New/Disregarded Assets"): anything that reports
/// usage, discovered from readings. A client-scoped caller sees and changes only its own client's assets; any
/// other id answers 404.
/// </summary>
public static class AssetsApi
{
    private const string BasePath = "/api/metering/assets";
    public const int MaxBulkAssets = 1000;
    public const int MaxUsageDays = 90;
    public const int DefaultUsageDays = 30;

    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup(BasePath).WithTags("Assets");

        assets.MapList(ListAssets, "ListAssets", "List assets",
            "A page of the organization's assets. `view` is `all` (default; every asset not " +
                "disregarded), `unassigned` (no client), `unbound` (reports a unit type no bucket binding covers), " +
                "`new` (not acknowledged) or `disregarded`; every view but `disregarded` hides disregarded assets. " +
                "`search` matches any part of the external id, name, source or description, ignoring case; " +
                "`clientId`, `source` (exact) and `enabled` filter. `sort` is `lastSeen` (default), `firstSeen`, " +
                "`created`, `externalId`, `source` or `client`; `direction` defaults to `desc` for instants and " +
                "`asc` for text.");

        assets.MapItem(GetAsset, "GetAsset", "Get an asset");

        assets.MapPatch("/{id:guid}", UpdateAsset)
            .RequireAuthorization(Policies.Billing)
            .WithName("UpdateAsset")
            .WithinClientScope()
            .WithSummary("Rename an asset")
            .WithDescription("Sets the display name; `\"\"` clears it (lists then show the external id) and an " +
                "absent `name` changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        assets.MapPost("/{id:guid}/assign", AssignAsset)
            .RequireAuthorization(Policies.Billing)
            .WithName("AssignAsset")
            .WithinClientScope()
            .WithSummary("Assign an asset to a client")
            .WithDescription("The client must be known to metering. Assigning the client the asset already has " +
                "changes nothing. A client-scoped caller cannot assign to another client (403).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        assets.MapPost("/{id:guid}/unassign", UnassignAsset)
            .RequireAuthorization(Policies.Billing)
            .WithName("UnassignAsset")
            .WithSummary("Take an asset's client away")
            .WithDescription("A client-scoped caller cannot unassign (403): the asset would leave its scope.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapStateChange(assets, "acknowledge", "AcknowledgeAsset", "Acknowledge an asset (it is no longer new)",
            AssetChange.Acknowledge);
        MapStateChange(assets, "enable", "EnableAsset", "Enable an asset", AssetChange.Enable);
        MapStateChange(assets, "disable", "DisableAsset", "Disable an asset", AssetChange.Disable);
        MapStateChange(assets, "disregard", "DisregardAsset",
            "Disregard an asset (hidden and excluded from billing; its readings are kept)", AssetChange.Disregard);
        MapStateChange(assets, "restore", "RestoreAsset", "Restore a disregarded asset", AssetChange.Restore);

        assets.MapPost("/acknowledge", AcknowledgeAssets)
            .RequireAuthorization(Policies.Billing)
            .WithName("AcknowledgeAssets")
            .WithinClientScope()
            .WithSummary("Acknowledge several assets")
            .WithDescription($"`assetIds` holds 1–{MaxBulkAssets} ids. Ids the caller cannot see are skipped; the " +
                "answer says how many assets this call acknowledged.")
            .ProducesJsonBodyProblems();

        assets.MapGet("/{id:guid}/usage", GetAssetUsage)
            .RequireAuthorization(Policies.Read)
            .WithName("GetAssetUsage")
            .WithSummary("An asset's daily usage")
            .WithDescription($"The last `days` UTC days up to today (1–{MaxUsageDays}, default {DefaultUsageDays}): " +
                "per unit type with readings in the window, one point per day (0 without readings) aggregated with " +
                "the unit type's aggregation (sum when no unit type has the key), and the window's total " +
                "aggregated the same way.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<AssetResponse>>, ValidationProblem>> ListAssets(
        [AsParameters] AssetListParameters parameters, [AsParameters] PageParameters paging,
        AssetStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = AssetQuery.Parse(parameters.View, parameters.Search, parameters.ClientId, parameters.Source,
            parameters.Enabled, parameters.Sort, parameters.Direction, paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(AssetResponse.From));
    }

    public static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> GetAsset(
        Guid id, AssetStore store, IActorContext caller, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken) is { } asset
            ? Found(asset)
            : NotFound(id);

    public static async Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsset(
        Guid id, UpdateAssetRequest request, AssetStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var rename = AssetChange.Rename(request.Name, errors);
        if (rename is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The change is not valid.");
        }
        return await ApplyAsync(id, rename, store, caller, cancellationToken) is { } asset
            ? Found(asset)
            : NotFound(id);
    }

    public static async Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> AssignAsset(
        Guid id, AssignAssetRequest request, AssetStore store, ClientStore clients, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (request.ClientId is not { } clientId || clientId == Guid.Empty)
        {
            return InvalidAssignment("clientId is required.");
        }
        if (!caller.MaySee(clientId))
        {
            return Forbidden("A client-scoped caller can only assign assets to its own client.");
        }
        if (await clients.FindNameAsync(caller.OrgId, clientId, cancellationToken) is null)
        {
            return InvalidAssignment($"Metering knows no client '{clientId}' in this organization.");
        }
        return await ApplyAsync(id, AssetChange.Assign(clientId), store, caller, cancellationToken) is { } asset
            ? Found(asset)
            : NotFound(id);
    }

    public static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> UnassignAsset(
        Guid id, AssetStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        return await ApplyAsync(id, AssetChange.Unassign, store, caller, cancellationToken) is { } asset
            ? Found(asset)
            : NotFound(id);
    }

    public static async Task<Results<Ok<AcknowledgeAssetsResponse>, ValidationProblem>> AcknowledgeAssets(
        AcknowledgeAssetsRequest request, AssetStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var ids = request.AssetIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBulkAssets)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["assetIds"] = [$"assetIds must hold 1–{MaxBulkAssets} asset ids."] },
                title: "The acknowledgement is not valid.");
        }
        var acknowledged = await store.AcknowledgeAsync(caller.OrgId, caller.ClientScope, ids, cancellationToken);
        return TypedResults.Ok(new AcknowledgeAssetsResponse(acknowledged));
    }

    public static async Task<Results<Ok<AssetUsageResponse>, ValidationProblem, ProblemHttpResult>> GetAssetUsage(
        Guid id, int? days, AssetStore store, IActorContext caller, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var window = days ?? DefaultUsageDays;
        if (window is < 1 or > MaxUsageDays)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["days"] = [$"days must be between 1 and {MaxUsageDays}."] },
                title: "The usage query is not valid.");
        }
        if (await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken) is null)
        {
            return NotFound(id);
        }
        var to = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var from = to.AddDays(1 - window);
        var series = await store.UsageAsync(caller.OrgId, id, from, to, cancellationToken);
        return TypedResults.Ok(new AssetUsageResponse(id, from, to, series.Select(UsageSeriesResponse.From).ToList()));
    }

    /// <summary>The idempotent one-word actions: <c>POST /{id}/{action}</c> applies <paramref name="change"/>.</summary>
    private static void MapStateChange(RouteGroupBuilder assets, string action, string name, string summary,
        AssetChange change) =>
        assets.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> (
                    Guid id, AssetStore store, IActorContext caller, CancellationToken cancellationToken) =>
                    await ApplyAsync(id, change, store, caller, cancellationToken) is { } asset
                        ? Found(asset)
                        : NotFound(id))
            .RequireAuthorization(Policies.Billing)
            .WithName(name)
            .WithinClientScope()
            .WithSummary(summary)
            .WithDescription("Idempotent: repeating it changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Applies the change as the caller: the asset after it, or null when the caller cannot see it.</summary>
    private static Task<Asset?> ApplyAsync(Guid id, AssetChange change, AssetStore store, IActorContext caller,
        CancellationToken cancellationToken) =>
        store.ChangeAsync(caller.OrgId, caller.ClientScope, id, change, cancellationToken);

    private static Ok<AssetResponse> Found(Asset asset) => TypedResults.Ok(AssetResponse.From(asset));

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Asset not found.",
        detail: $"There is no asset '{id}' that this caller can see.");

    private static ValidationProblem InvalidAssignment(string clientIdError) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["clientId"] = [clientIdError] }, title: "The assignment is not valid.");

    private static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed for a client-scoped caller.",
        detail: detail);
}
