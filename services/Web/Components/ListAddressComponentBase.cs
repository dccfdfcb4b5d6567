using BillingOne.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace BillingOne.Web.Components;

/// <summary>
/// A page-at-a-time list whose query record is kept in the page's address by its members' names
/// (<see cref="ListAddress"/>), so a reload or a shared link shows the same page and filters: showing another query or
/// page navigates to its address, which loads it. <see cref="QueriedListComponentBase{TItem, TQuery}"/> adds search and
/// sort.
/// </summary>
public abstract class ListAddressComponentBase<TItem, TQuery>(TQuery defaults) : AddressedListComponentBase<TItem, TQuery>
    where TQuery : class, IPagedQuery<TQuery>
{
    private string? path;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override TQuery QueryFromAddress() => Fixed(ListAddress.Read(defaults, Navigation.Uri));

    protected override IReadOnlyDictionary<string, object?> AddressOf(TQuery query) =>
        ListAddress.Write(query, Fixed(defaults));

    /// <summary>What the component sets itself whatever the address says (a view of the list, a filter's known values).</summary>
    protected virtual TQuery Fixed(TQuery query) => query;

    // A query-only change of the address sets no parameter of a component without query parameters: it is followed here.
    protected override void OnInitialized()
    {
        path = Path(Navigation.Uri);
        Navigation.LocationChanged += FollowAddress;
        base.OnInitialized();
    }

    /// <summary>Shows <paramref name="changed"/> (a changed search or filter) from its first page.</summary>
    protected Task ShowAsync(TQuery changed)
    {
        Show(changed.WithPage(1));
        return Task.CompletedTask;
    }

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
