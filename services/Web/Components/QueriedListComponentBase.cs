using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components;

/// <summary>
/// A list whose page, search, filters and order are one query, kept in the page's address by its members' names
/// (<see cref="ListAddressComponentBase{TItem, TQuery}"/>) so a reload or a shared link shows the same list: a changed
/// search, filter or order shows the list from its first page; a sortable header sorts by its column, and again in
/// reverse.
/// </summary>
public abstract class QueriedListComponentBase<TItem, TQuery>(TQuery defaults) : ListAddressComponentBase<TItem, TQuery>(defaults)
    where TQuery : class, IListQuery<TQuery>
{
    protected Task SearchAsync(ChangeEventArgs change) =>
        ShowAsync(Query.WithSearch(FormText.OrNull(change.Value as string)));

    protected Task SortByAsync(string column) => ShowAsync(Query.WithOrder(
        column, SortDirections.Next(column, Query.Sort, Query.Direction, TQuery.DefaultDirection(column))));
}
