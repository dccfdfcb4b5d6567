using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.DomainsHostingList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Domains &amp; Hosting screen (seed 002): Synergy Wholesale's domains, hosting services and SSL certificates in
/// three tabs with their client, status and expiry, searched, filtered to what expires soon and by client scope,
/// sorted and paged (all kept in the URL), with counts per tab, CSV export and Sync All. An unmapped row links to the
/// Synergy tab of the client mappings.
/// </summary>
public sealed partial class DomainsHosting : AddressedListComponentBase<DomainsHostingRow, DomainsHostingQuery>
{
    private DomainsHostingSummary? summary;
    private ApiProblem? summaryProblem;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.TabParameter)]
    public string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.ExpiringParameter)]
    public bool? Expiring { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.ClientParameter)]
    public Guid? ClientId { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = DomainsHostingListUrl.PageParameter)]
    public int? Page { get; set; }

    private int Columns => Query.Tab == DomainsHostingTabs.Hosting ? 6 : 5;

    private string NameColumn => Query.Tab switch
    {
        DomainsHostingTabs.Certificates => "Common name",
        _ => "Domain",
    };

    private string DateColumn => Query.Tab == DomainsHostingTabs.Hosting ? "Renews" : "Expiry";

    private string Singular => Query.Tab switch
    {
        DomainsHostingTabs.Hosting => "hosting service",
        DomainsHostingTabs.Certificates => "SSL certificate",
        _ => "domain",
    };

    private string SearchPlaceholder => Query.Tab switch
    {
        DomainsHostingTabs.Hosting => "Search by domain, plan, client or Synergy account",
        DomainsHostingTabs.Certificates => "Search by common name, product, client or Synergy account",
        _ => "Search by domain, client or Synergy account",
    };

    protected override async Task OnInitializedAsync()
    {
        var loadingSummary = LoadSummaryAsync();
        await base.OnInitializedAsync();
        await loadingSummary;
    }

    protected override DomainsHostingQuery QueryFromAddress() =>
        DomainsHostingListUrl.Parse(Tab, Search, Expiring, ClientId, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(DomainsHostingQuery query) =>
        DomainsHostingListUrl.PageParameters(query);

    protected override Task<PagedList<DomainsHostingRow>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetDomainsHostingAsync(Query, cancellationToken);

    private async Task LoadSummaryAsync()
    {
        var loaded = await CallAsync(Gateway.GetDomainsHostingSummaryAsync);
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
    }

    /// <summary>After a sync (or on Refresh): the counts and the page as they are now.</summary>
    private async Task RefreshAsync()
    {
        var loadingSummary = LoadSummaryAsync();
        await LoadAsync();
        await loadingSummary;
    }

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnExpiringChanged(ChangeEventArgs change) =>
        Show(Query with { ExpiringSoon = change.Value is true, Page = 1 });

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, DomainsHostingSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { Search = null, ExpiringSoon = false, ClientId = null, Page = 1 });

    private void ClearScope() => Show(Query with { ClientId = null, Page = 1 });

    private static string DateText(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"expired" or "in N days" within the expiring-soon window; nothing further out.</summary>
    private string? ExpiryTag(DateTimeOffset? date)
    {
        if (date is not { } instant)
        {
            return null;
        }
        var now = Time.GetUtcNow();
        if (instant < now)
        {
            return "expired";
        }
        var days = (int)Math.Ceiling((instant - now).TotalDays);
        return days <= DomainsHostingQuery.ExpiringSoonDays ? $"in {days} day{(days == 1 ? "" : "s")}" : null;
    }
}
