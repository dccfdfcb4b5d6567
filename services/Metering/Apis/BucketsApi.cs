using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Billing buckets (seed "Billing Buckets"): a client's commitment on a unit type, the assets that feed it and its
/// usage and cost so far in the open period. Client-scoped callers see and change only their client's buckets.
/// </summary>
public static class BucketsApi
{
    public const int MaxAssetsPerBinding = 1000;
    public const int MaxClientsPerCount = 100;

    private const string BasePath = "/api/metering/buckets";

    public static IEndpointRouteBuilder MapBucketsApi(this IEndpointRouteBuilder app)
    {
        var buckets = app.MapGroup(BasePath).WithTags("Buckets");

        buckets.MapList(ListBuckets, "ListBuckets", "List buckets with their current usage",
            "A page of the organization's buckets, each with its usage and cost so far in the open " +
                "period (the calendar month in the client's time zone). `search` matches bucket, client and unit type " +
                "names, the unit type key and the source type; `clientId`, `unitTypeId`, `sourceType`, `reviewed` and " +
                "`enabled` filter; `sort` is `name` (default), `client`, `created` or `usage`; `direction` is `asc` " +
                "(default) or `desc`.");

        buckets.MapItem(GetBucket, "GetBucket", "Get a bucket with its current usage");

        buckets.MapGet("/counts", CountBuckets)
            .RequireAuthorization(Policies.Read)
            .WithName("CountBucketsPerClient")
            .WithSummary("Count each client's buckets")
            .WithDescription($"One `clientId` per client, 1–{MaxClientsPerCount} of them: each with its number of " +
                "buckets, enabled or not, in the order asked (0 for a client without buckets or outside the caller's " +
                "scope).");

        buckets.MapPost("/", CreateBucket)
            .RequireAuthorization(Policies.Billing)
            .WithName("CreateBucket")
            .WithinClientScope()
            .WithSummary("Create a bucket")
            .WithDescription("`clientId`, `name`, `unitTypeId` and `commitUnits` are required. `aggregation`, " +
                "`basePrice`, `overagePrice` and `currency` default to the unit type's (another currency needs both " +
                "prices); `reviewed` and `enabled` default to true. The client must be known to metering.")
            .ProducesJsonBodyProblems();

        buckets.MapPatch("/{id:guid}", UpdateBucket)
            .RequireAuthorization(Policies.Billing)
            .WithName("UpdateBucket")
            .WithinClientScope()
            .WithSummary("Change a bucket")
            .WithDescription("Sets the given members (`name`, `sourceType`, `aggregation`, `commitUnits`, `basePrice`, " +
                "`overagePrice`, `reviewed`, `enabled`); absent members stay as they are and an empty `sourceType` " +
                "clears it. Client, unit type and currency cannot change. Setting the current values changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        buckets.MapDelete("/{id:guid}", DeleteBucket)
            .RequireAuthorization(Policies.Billing)
            .WithName("DeleteBucket")
            .WithinClientScope()
            .WithSummary("Delete a bucket and its bindings")
            .ProducesProblem(StatusCodes.Status404NotFound);

        buckets.MapGet("/{id:guid}/assets", ListBoundAssets)
            .RequireAuthorization(Policies.Read)
            .WithName("ListBucketAssets")
            .WithSummary("List the assets bound to a bucket")
            .WithDescription("Most recently seen first; " + EndpointConventions.PagingDescription)
            .ProducesProblem(StatusCodes.Status404NotFound);

        buckets.MapPost("/{id:guid}/assets", BindAssets)
            .RequireAuthorization(Policies.Billing)
            .WithName("BindBucketAssets")
            .WithinClientScope()
            .WithSummary("Bind assets to a bucket")
            .WithDescription($"Binds 1–{MaxAssetsPerBinding} assets, all or none. An asset can feed a bucket when " +
                "it is not disregarded, is assigned to the bucket's client, comes from the bucket's source type (when " +
                "set) and feeds no other bucket of the same unit type; otherwise the answer is 409 with `conflicts` " +
                "naming each asset and its reason. Assets already bound stay bound and are not counted again.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        buckets.MapDelete("/{id:guid}/assets/{assetId:guid}", UnbindAsset)
            .RequireAuthorization(Policies.Billing)
            .WithName("UnbindBucketAsset")
            .WithinClientScope()
            .WithSummary("Unbind an asset from a bucket")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<BucketResponse>>, ValidationProblem>> ListBuckets(
        [AsParameters] BucketListParameters parameters, [AsParameters] PageParameters paging,
        BucketQueries queries, IActorContext caller, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = BucketListQuery.Parse(parameters.Search, parameters.ClientId, parameters.UnitTypeId,
            parameters.SourceType, parameters.Reviewed, parameters.Enabled, parameters.Sort, parameters.Direction,
            paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await queries.ListAsync(caller.OrgId, caller.ClientScope, query, timeProvider.GetUtcNow(),
            cancellationToken);
        return TypedResults.Ok(page.Select(BucketResponse.From));
    }

    public static async Task<Results<Ok<IReadOnlyList<ClientBucketCount>>, ValidationProblem>> CountBuckets(
        [FromQuery(Name = "clientId")] string[]? clientId, BucketQueries queries, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var clientIds = new List<Guid>();
        foreach (var value in clientId ?? [])
        {
            if (QueryValues.ParseGuid(value, "clientId", errors, text => $"clientId '{text}' is not an id (uuid).") is { } id)
            {
                clientIds.Add(id);
            }
        }
        if (errors.Count == 0 && clientIds.Count is 0 or > MaxClientsPerCount)
        {
            errors["clientId"] = [$"Give 1–{MaxClientsPerCount} clientId values; {clientIds.Count} given."];
        }
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var counts = await queries.BucketsPerClientAsync(caller.OrgId, caller.ClientScope, [.. clientIds.Distinct()],
            cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ClientBucketCount>>(
            [.. counts.Select(count => new ClientBucketCount(count.ClientId, count.Buckets))]);
    }

    public static async Task<Results<Ok<BucketResponse>, ProblemHttpResult>> GetBucket(
        Guid id, BucketQueries queries, IActorContext caller, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var view = await queries.FindAsync(caller.OrgId, caller.ClientScope, id, timeProvider.GetUtcNow(),
            cancellationToken);
        return view is null ? BucketNotFound(id) : TypedResults.Ok(BucketResponse.From(view));
    }

    public static async Task<Results<Created<BucketResponse>, ValidationProblem, ProblemHttpResult>> CreateBucket(
        NewBucketFields request, BucketStore store, BucketQueries queries, UnitTypeStore unitTypes,
        IActorContext caller, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (request.ClientId is { } clientId && !caller.MaySee(clientId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "A client-scoped key cannot create buckets for another client.",
                detail: "This key may only act on the client it is scoped to.");
        }
        var unitType = request.UnitTypeId is { } unitTypeId
            ? await unitTypes.FindAsync(caller.OrgId, unitTypeId, cancellationToken)
            : null;
        var errors = new Dictionary<string, string[]>();
        var definition = BucketRules.Create(request, unitType?.Definition, errors);
        if (definition is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The bucket is not valid.");
        }

        var result = await store.CreateAsync(caller.OrgId, definition, cancellationToken);
        switch (result.Status)
        {
            case BucketWriteStatus.UnknownClient:
                errors["clientId"] = [$"There is no client '{definition.ClientId}' in this organization (or metering " +
                    "has not heard of it yet)."];
                return TypedResults.ValidationProblem(errors, title: "The bucket is not valid.");
            case BucketWriteStatus.UnknownUnitType:
                errors["unitTypeId"] = [$"There is no unit type '{definition.UnitTypeId}' in this organization."];
                return TypedResults.ValidationProblem(errors, title: "The bucket is not valid.");
        }
        var bucketId = result.Bucket!.Id;
        var view = await queries.FindAsync(caller.OrgId, null, bucketId, timeProvider.GetUtcNow(), cancellationToken);
        // A relative location stays right behind the gateway, which forwards paths unchanged.
        return TypedResults.Created($"{BasePath}/{bucketId}", BucketResponse.From(view!));
    }

    public static async Task<Results<Ok<BucketResponse>, ValidationProblem, ProblemHttpResult>> UpdateBucket(
        Guid id, BucketChangeFields request, BucketStore store, BucketQueries queries, IActorContext caller,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var result = await store.UpdateAsync(caller.OrgId, caller.ClientScope, id,
            current => BucketRules.Change(current, request, errors), cancellationToken);
        if (result.Status == BucketWriteStatus.Invalid)
        {
            return TypedResults.ValidationProblem(errors, title: "The change is not valid.");
        }
        var view = result.Bucket is null
            ? null
            : await queries.FindAsync(caller.OrgId, caller.ClientScope, id, timeProvider.GetUtcNow(), cancellationToken);
        // A bucket deleted between the change and the read is as gone as one that never was.
        return view is null ? BucketNotFound(id) : TypedResults.Ok(BucketResponse.From(view));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBucket(
        Guid id, BucketStore store, IActorContext caller, CancellationToken cancellationToken) =>
        await store.DeleteAsync(caller.OrgId, caller.ClientScope, id, cancellationToken)
            ? TypedResults.NoContent()
            : BucketNotFound(id);

    public static async Task<Results<Ok<PagedResult<AssetResponse>>, ValidationProblem, ProblemHttpResult>>
        ListBoundAssets(Guid id, [AsParameters] PageParameters parameters, AssetStore assets,
            IActorContext caller, CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var bound = await assets.ListBoundAsync(caller.OrgId, caller.ClientScope, id, page, cancellationToken);
        return bound is null ? BucketNotFound(id) : TypedResults.Ok(bound.Select(AssetResponse.From));
    }

    public static async Task<Results<Ok<BindAssetsResponse>, ValidationProblem, ProblemHttpResult>> BindAssets(
        Guid id, BindAssetsRequest request, BucketStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var assetIds = request.AssetIds?.Distinct().ToList() ?? [];
        string? error = null;
        if (assetIds.Count == 0)
        {
            error = "assetIds must list at least one asset id.";
        }
        else if (assetIds.Count > MaxAssetsPerBinding)
        {
            error = $"assetIds may list at most {MaxAssetsPerBinding} asset ids.";
        }
        else if (assetIds.Contains(Guid.Empty))
        {
            error = "assetIds must not contain the empty id.";
        }
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assetIds"] = [error] },
                title: "The binding is not valid.");
        }

        var result = await store.BindAssetsAsync(caller.OrgId, caller.ClientScope, id, assetIds, caller.ActorId,
            cancellationToken);
        return result.Status switch
        {
            BindingStatus.BucketNotFound => BucketNotFound(id),
            BindingStatus.UnknownAssets => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Asset not found.",
                detail: $"There is no asset {string.Join(", ", result.UnknownAssetIds!.Select(asset => $"'{asset}'"))} " +
                    "in this organization. Nothing was bound.",
                extensions: new Dictionary<string, object?> { ["unknownAssetIds"] = result.UnknownAssetIds }),
            BindingStatus.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Some assets cannot feed this bucket.",
                detail: string.Join(" ", result.Conflicts!.Select(Describe)) + " Nothing was bound.",
                extensions: new Dictionary<string, object?>
                {
                    ["conflicts"] = result.Conflicts!.Select(conflict => new
                    {
                        conflict.AssetId,
                        Reason = ReasonName(conflict.Reason),
                        BucketId = conflict.FeedsBucketId,
                        Message = Describe(conflict),
                    }).ToList(),
                }),
            _ => TypedResults.Ok(new BindAssetsResponse(result.Bound)),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnbindAsset(
        Guid id, Guid assetId, BucketStore store, IActorContext caller, CancellationToken cancellationToken) =>
        await store.UnbindAssetAsync(caller.OrgId, caller.ClientScope, id, assetId, cancellationToken) switch
        {
            UnbindingStatus.BucketNotFound => BucketNotFound(id),
            UnbindingStatus.NotBound => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Asset not bound.",
                detail: $"Asset '{assetId}' is not bound to bucket '{id}'."),
            _ => TypedResults.NoContent(),
        };

    private static string ReasonName(BindingConflict reason) => reason switch
    {
        BindingConflict.Disregarded => "disregarded",
        BindingConflict.Unassigned => "unassigned",
        BindingConflict.AnotherClient => "another-client",
        BindingConflict.AnotherSource => "another-source",
        BindingConflict.FeedsAnotherBucket => "feeds-another-bucket",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown binding conflict."),
    };

    private static string Describe(AssetBindingConflict conflict) => conflict.Reason switch
    {
        BindingConflict.Disregarded => $"Asset '{conflict.AssetId}' is disregarded.",
        BindingConflict.Unassigned => $"Asset '{conflict.AssetId}' is not assigned to a client; assign it to the " +
            "bucket's client first.",
        BindingConflict.AnotherClient => $"Asset '{conflict.AssetId}' belongs to another client.",
        BindingConflict.AnotherSource => $"Asset '{conflict.AssetId}' comes from another source than the bucket meters.",
        BindingConflict.FeedsAnotherBucket => $"Asset '{conflict.AssetId}' already feeds bucket " +
            $"'{conflict.FeedsBucketId}' of the same unit type.",
        _ => throw new ArgumentOutOfRangeException(nameof(conflict), conflict.Reason, "Unknown binding conflict."),
    };

    private static ProblemHttpResult BucketNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Bucket not found.",
        detail: $"There is no bucket '{id}' in this organization.");
}
