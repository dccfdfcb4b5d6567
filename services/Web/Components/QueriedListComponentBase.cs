using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace BillingOne.Web.Components;

/// <summary>
/// A list whose page, search, filters and order are one query, kept in the page's address by its members' names
/// (<see cref="ListAddress"/>) so a reload or a shared link shows the same list: a changed search, filter or order shows
/// the list from its first page; a sortable header sorts by its column, and again in reverse.
/// </summary>
public abstract class QueriedListComponentBase<TItem, TQuery>(TQuery defaults) : AddressedListComponentBase<TItem, TQuery>
    where TQuery : class, IListQuery<TQuery>
{
    private string? path;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override TQuery QueryFromAddress() => Fixed(ListAddress.Read(defaults, Navigation.Uri));

    protected override IReadOnlyDictionary<string, object?> AddressOf(TQuery query) =>
        ListAddress.Write(query, Fixed(defaults));

    /// <summary>What the component sets itself whatever the address says (a view of the list).</summary>
    protected virtual TQuery Fixed(TQuery query) => query;

    // A query-only change of the address sets no parameter of a component without query parameters: it is followed here.
    protected override void OnInitialized()
    {
        path = Path(Navigation.Uri);
        Navigation.LocationChanged += FollowAddress;
        base.OnInitialized();
    }

    protected Task ShowAsync(TQuery changed)
    {
        Show(changed.WithPage(1));
        return Task.CompletedTask;
    }

    protected Task SearchAsync(ChangeEventArgs change) =>
        ShowAsync(Query.WithSearch(FormText.OrNull(change.Value as string)));

    protected Task SortByAsync(string column) => ShowAsync(Query.WithOrder(
        column, SortDirections.Next(column, Query.Sort, Query.Direction, TQuery.DefaultDirection(column))));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Navigation.LocationChanged -= FollowAddress;
        }

        base.Dispose(disposing);
    }

    private void FollowAddress(object? sender, LocationChangedEventArgs change)
    {
        if (Path(change.Location) == path)
        {
            _ = InvokeAsync(async () =>
            {
                await OnParametersSetAsync();
                StateHasChanged();
            });
        }
    }

    private string Path(string uri) => Navigation.ToBaseRelativePath(uri).Split('?', '#')[0];
}
