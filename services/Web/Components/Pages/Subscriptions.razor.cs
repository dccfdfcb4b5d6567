using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using BillingOne.Web.SubscriptionList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Subscriptions screen (seed 002): every Pax8 subscription with its client, product, quantity, price, status and
/// dates, searched by client, product or subscription id, filtered by status and client scope, sorted and paged (all
/// kept in the URL), with CSV export, a detail panel per subscription and Sync from Pax8.
/// </summary>
public sealed partial class Subscriptions : AddressedListComponentBase<Subscription, SubscriptionListQuery>
{
    private const int Columns = 7;

    private string? openedId;
    private Subscription? detail;
    private ApiProblem? detailProblem;

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.ClientParameter)]
    public Guid? ClientId { get; set; }

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = SubscriptionListUrl.PageParameter)]
    public int? Page { get; set; }

    /// <summary>The scoped client's name, as its subscriptions on this page give it.</summary>
    private string? ScopedClientName =>
        List?.Items.FirstOrDefault(subscription => subscription.ClientId == Query.ClientId)?.ClientName;

    protected override SubscriptionListQuery QueryFromAddress() =>
        SubscriptionListUrl.Parse(Search, StatusFilter, ClientId, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(SubscriptionListQuery query) =>
        SubscriptionListUrl.PageParameters(query);

    protected override Task<PagedList<Subscription>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetSubscriptionsAsync(Query, cancellationToken);

    protected override void OnQueryChanged() => openedId = null;

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        Show(Query with { Status = SubscriptionStatuses.All.Contains(status) ? status : null, Page = 1 });
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, SubscriptionSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { Search = null, Status = null, Page = 1 });

    private void ClearScope() => Show(Query with { ClientId = null, Page = 1 });

    /// <summary>Opens a subscription's details as the service has them now, or closes them when open.</summary>
    private async Task ToggleDetailAsync(Subscription subscription)
    {
        detail = null;
        detailProblem = null;
        if (openedId == subscription.Id)
        {
            openedId = null;
            return;
        }

        openedId = subscription.Id;
        var loaded = await CallAsync(cancellationToken => Gateway.GetSubscriptionAsync(subscription.Id, cancellationToken));
        if (openedId == subscription.Id)
        {
            detail = loaded.Value;
            detailProblem = loaded.Problem;
        }
    }

    private static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The unit price for its billing term, e.g. "AUD 68.40 / year".</summary>
    private static string PriceText(Subscription subscription) =>
        MoneyFormat.FormatUnitPrice(subscription.UnitPrice.Amount, subscription.UnitPrice.Currency)
        + BillingTerms.PriceSuffix(subscription.BillingTerm);

    /// <summary>The service's monthly value of the line (price × quantity ÷ months of the term: docs/domain.md, "Licences: MRR").</summary>
    private static string MonthlyText(Subscription subscription) =>
        $"{MoneyFormat.Format(subscription.MonthlyValue.Amount, subscription.MonthlyValue.Currency)} a month";

    private static string QuantityText(Subscription subscription) =>
        QuantityFormat.FormatAsAnswered(subscription.Quantity)
        + (subscription.LicenceUnit is { } unit ? $" {unit}{(subscription.Quantity == 1 ? string.Empty : "s")}" : string.Empty);
}
