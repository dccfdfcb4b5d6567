using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Unbound Assets (seed columns): assets reporting a unit type that no bucket of their client takes, each bound
/// to one of the client's buckets for that unit type by those who may change billing data.
/// </summary>
public sealed partial class Unbound
{
    private Guid? binding;
    private IReadOnlyList<Bucket>? candidates;
    private ApiProblem? bucketsProblem;
    private Guid? bindTo;

    protected override string ListedView => AssetViews.Unbound;

    /// <summary>Offers the client's buckets of the unit types the asset reports unbound.</summary>
    private async Task StartBindingAsync(Asset asset)
    {
        binding = asset.Id;
        candidates = null;
        bucketsProblem = null;
        bindTo = null;
        var query = new BucketListQuery(ClientId: asset.ClientId, PageSize: ApiQuery.MaxPageSize);
        var loaded = await CallAsync(cancellationToken => Gateway.GetBucketsAsync(query, cancellationToken));
        if (binding != asset.Id || loaded.Abandoned)
        {
            return;
        }

        bucketsProblem = loaded.Problem;
        candidates = loaded.Value?.Items
            .Where(bucket => asset.UnboundUnitTypeKeys.Contains(bucket.UnitTypeKey, StringComparer.Ordinal))
            .ToList();
        bindTo = candidates?.FirstOrDefault()?.Id;
    }

    private void ChooseBucket(ChangeEventArgs change) =>
        bindTo = SelectValues.Id(change.Value);

    private async Task BindAsync(Asset asset)
    {
        if (bindTo is not { } bucketId || candidates?.FirstOrDefault(bucket => bucket.Id == bucketId) is not { } bucket)
        {
            return;
        }

        if (await ChangeAsync(
                cancellationToken => Gateway.BindAssetsAsync(bucket.Id, [asset.Id], cancellationToken),
                _ => $"“{asset.DisplayName}” feeds the bucket “{bucket.Name}” now."))
        {
            binding = null;
        }
    }
}
