using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// One view of the metering assets (all, unassigned, new, unbound, disregarded) a page at a time, with search and
/// the changes every view offers on a row.
/// </summary>
public abstract class AssetListBase() : QueriedListComponentBase<Asset, AssetListQuery>(new AssetListQuery())
{
    /// <summary>One of <see cref="AssetViews"/>.</summary>
    protected abstract string ListedView { get; }

    // The view is the component's own (a parameter of some), whatever the address says.
    protected override AssetListQuery Fixed(AssetListQuery query) => query with { View = ListedView };

    protected override Task<PagedList<Asset>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetAssetsAsync(Query, cancellationToken);

    protected Task ApplyAsync(Asset asset, AssetAction action, string done) =>
        ChangeAsync(cancellationToken => Gateway.ApplyAssetActionAsync(asset.Id, action, cancellationToken), _ => done);
}
