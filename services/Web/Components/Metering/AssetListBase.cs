using BillingOne.Web.Api;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// One view of the metering assets (all, unassigned, new, unbound, disregarded) a page at a time, with search and
/// the changes every view offers on a row.
/// </summary>
public abstract class AssetListBase : ListComponentBase<Asset>
{
    protected AssetListQuery Query { get; private set; } = new();

    /// <summary>One of <see cref="AssetViews"/>.</summary>
    protected abstract string ListedView { get; }

    protected override int CurrentPage
    {
        get => Query.Page;
        set => Query = Query with { Page = value };
    }

    protected override Task OnInitializedAsync()
    {
        Query = new AssetListQuery(View: ListedView);
        return base.OnInitializedAsync();
    }

    protected override Task<PagedList<Asset>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetAssetsAsync(Query, cancellationToken);

    /// <summary>Shows the list for a changed search, filter or order, from its first page.</summary>
    protected Task ShowAsync(AssetListQuery changed)
    {
        Query = changed with { Page = 1 };
        return LoadAsync();
    }

    protected Task SearchAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { Search = Shared.FormText.OrNull(change.Value as string) });

    protected Task SortByAsync(string column) => ShowAsync(Query with
    {
        Sort = column,
        Direction = SortDirections.Next(column, Query.Sort, Query.Direction, AssetSortColumns.DefaultDirection(column)),
    });

    protected Task ApplyAsync(Asset asset, AssetAction action, string done) =>
        ChangeAsync(cancellationToken => Gateway.ApplyAssetActionAsync(asset.Id, action, cancellationToken), _ => done);
}
