using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Clients screen: the projection service's client read model with search, status filter, sort and paging
/// (all kept in the URL), CSV export, and adding a client through the subscription service.
/// </summary>
public sealed partial class Clients : AddressedListComponentBase<ClientListItem, ClientListQuery>
{
    /// <summary>
    /// The read model is updated from events, so a client just created shows up a moment later. The page looks
    /// for it this many times, this far apart, before leaving it to the Refresh button.
    /// </summary>
    public const int CreatedClientLookups = 10;

    public static readonly TimeSpan CreatedClientLookupInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Page size of the look-up for a created client (by its name, so the page holds the clients of similar names;
    /// the read model allows up to 200).
    /// </summary>
    private const int CreatedClientLookupPageSize = 100;

    private const string NameField = "name";

    private const int Columns = 10;

    /// <summary>The clients whose coverage per product shows under their row.</summary>
    private readonly HashSet<Guid> expanded = [];

    // Adding another client stops waiting for the previous one; the list shows both in the end anyway.
    private readonly LatestCall creations = new();

    private string newClientName = string.Empty;
    private bool isCreating;
    private string? missingNameError;
    private ApiProblem? createProblem;
    private string? createStatus;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = ClientListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.PageParameter)]
    public int? Page { get; set; }

    private bool IsFiltered => Query.Search is not null || Query.Status is not null;

    private IReadOnlyList<string> NameErrors =>
        missingNameError is not null ? [missingNameError] : createProblem?.ErrorsFor(NameField) ?? [];

    protected override ClientListQuery QueryFromAddress() => ClientListUrl.Parse(Search, StatusFilter, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(ClientListQuery query) => ClientListUrl.PageParameters(query);

    protected override Task<PagedList<ClientListItem>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetClientsAsync(Query, cancellationToken);

    private void OnSearchChanged(ChangeEventArgs change)
    {
        var search = change.Value as string;
        Show(Query with { Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(), Page = 1 });
    }

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        Show(Query with { Status = ClientStatusLabels.IsFilter(status) ? status : null, Page = 1 });
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, ClientListUrl.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { Search = null, Status = null, Page = 1 });

    private async Task CreateClientAsync()
    {
        createProblem = null;
        createStatus = null;
        var name = newClientName.Trim();
        missingNameError = name.Length == 0 ? "Enter the client's name." : null;
        if (missingNameError is not null)
        {
            return;
        }

        var creation = creations.Start(Disposed);
        isCreating = true;
        var created = await CallAsync(cancellationToken => Gateway.CreateClientAsync(name, cancellationToken), creation);
        isCreating = false;
        if (created.Abandoned)
        {
            return;
        }

        if (created.Problem is { } problem)
        {
            createProblem = problem;
            return;
        }

        newClientName = string.Empty;
        createStatus = $"Added “{name}”. Waiting for it to appear in the list…";
        StateHasChanged();
        var listed = await CallAsync(
            cancellationToken => WaitUntilListedAsync(created.Value!.Id, name, cancellationToken), creation);
        if (listed.Abandoned)
        {
            // Another client is being added, or the user left the page.
            return;
        }

        // A look-up the read model refused counts as not listed yet: the list load below shows the problem.
        createStatus = listed.Value
            ? $"Added “{name}”."
            : $"Added “{name}”. It is taking longer than usual to appear in the list: use Refresh in a moment.";
        await LoadAsync();
    }

    /// <summary>Looks the new client up in the read model until it is there or the look-ups run out.</summary>
    private async Task<bool> WaitUntilListedAsync(Guid clientId, string name, CancellationToken cancellationToken)
    {
        var lookup = new ClientListQuery(Search: name, Sort: ClientSortColumns.Name, Direction: SortDirections.Ascending,
            PageSize: CreatedClientLookupPageSize);
        for (var attempt = 1; attempt <= CreatedClientLookups; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(CreatedClientLookupInterval, Time, cancellationToken);
            }

            var page = await Gateway.GetClientsAsync(lookup, cancellationToken);
            if (page.Items.Any(client => client.ClientId == clientId))
            {
                return true;
            }
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            creations.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ToggleProducts(Guid clientId)
    {
        if (!expanded.Remove(clientId))
        {
            expanded.Add(clientId);
        }
    }
}
