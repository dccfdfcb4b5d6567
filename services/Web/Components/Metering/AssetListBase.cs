using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// One view of the metering assets (all, unassigned, new, unbound, disregarded) a page at a time, with search and
/// the changes every view offers on a row.
/// </summary>
public abstract class AssetListBase() : QueriedListComponentBase<Asset, AssetListQuery>(new AssetListQuery())
{
    /// <summary>One of <see cref="AssetViews"/>.</summary>
    protected abstract string ListedView { get; }

    /// <summary>A search the address brings (an anomaly's link to its asset), applied to the first page.</summary>
    [SupplyParameterFromQuery(Name = "search")]
    public string? SearchInAddress { get; set; }

    protected override Task OnInitializedAsync()
    {
        // The view can be a parameter, known only now.
        Query = Query with { View = ListedView, Search = FormText.OrNull(SearchInAddress) };
        return base.OnInitializedAsync();
    }

    protected override Task<PagedList<Asset>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetAssetsAsync(Query, cancellationToken);

    protected Task ApplyAsync(Asset asset, AssetAction action, string done) =>
        ChangeAsync(cancellationToken => Gateway.ApplyAssetActionAsync(asset.Id, action, cancellationToken), _ => done);
}
