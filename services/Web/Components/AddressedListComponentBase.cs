using BillingOne.Web.Api;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components;

/// <summary>
/// A page-at-a-time list whose query lives in the page's address, so that a filtered list can be bookmarked, shared
/// and gone back to: the query is read from the address, and showing another query navigates to its address,
/// which loads it.
/// </summary>
public abstract class AddressedListComponentBase<TItem, TQuery> : ListComponentBase<TItem>
    where TQuery : class, IPagedQuery<TQuery>
{
    private TQuery? requested;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The query the address holds; the list shows it once loaded.</summary>
    protected TQuery Query { get; private set; } = default!;

    protected override int CurrentPage
    {
        get => Query.Page;
        set => Query = Query.WithPage(value);
    }

    /// <summary>The query of the page's query-string parameters (its <c>[SupplyParameterFromQuery]</c> properties).</summary>
    protected abstract TQuery QueryFromAddress();

    /// <summary>The query-string parameters that hold <paramref name="query"/>; null leaves one out.</summary>
    protected abstract IReadOnlyDictionary<string, object?> AddressOf(TQuery query);

    /// <summary>Called when the address holds a different query, before it is loaded.</summary>
    protected virtual void OnQueryChanged()
    {
    }

    // The query is read before the first render, which a page's own initialization may trigger while it awaits.
    protected override void OnInitialized() => Query = QueryFromAddress();

    // The list loads when the parameters are set, and again whenever the address holds another query.
    protected override Task LoadFirstAsync() => Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        Query = QueryFromAddress();
        // Parameters are set again whenever the layout re-renders; only a different query is worth a request.
        if (!Query.Equals(requested))
        {
            await ReloadAsync();
        }
    }

    /// <summary>Reads the address again, since what it means may have changed (a default it leaves out), and loads
    /// the list it holds.</summary>
    protected Task ReloadAsync()
    {
        Query = QueryFromAddress();
        requested = Query;
        OnQueryChanged();
        return LoadAsync();
    }

    protected void Show(TQuery query) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(AddressOf(query)));

    protected void ShowPage(int page) => Show(Query.WithPage(page));
}
