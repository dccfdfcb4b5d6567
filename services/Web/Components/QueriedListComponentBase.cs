using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components;

/// <summary>
/// A list whose page, search, filters and order are one query: a changed search, filter or order shows the list
/// from its first page; a sortable header sorts by its column, and again in reverse.
/// </summary>
public abstract class QueriedListComponentBase<TItem, TQuery>(TQuery query) : ListComponentBase<TItem>
    where TQuery : IListQuery<TQuery>
{
    protected TQuery Query { get; set; } = query;

    protected override int CurrentPage
    {
        get => Query.Page;
        set => Query = Query.WithPage(value);
    }

    protected Task ShowAsync(TQuery changed)
    {
        Query = changed.WithPage(1);
        return LoadAsync();
    }

    protected Task SearchAsync(ChangeEventArgs change) =>
        ShowAsync(Query.WithSearch(FormText.OrNull(change.Value as string)));

    protected Task SortByAsync(string column) => ShowAsync(Query.WithOrder(
        column, SortDirections.Next(column, Query.Sort, Query.Direction, TQuery.DefaultDirection(column))));
}
