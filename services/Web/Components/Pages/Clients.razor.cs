using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Clients screen: the projection service's client read model with search, status filter, sort and paging
/// (all kept in the URL), CSV export, and adding a client through the subscription service.
/// </summary>
public sealed partial class Clients : IDisposable
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

    private readonly CancellationTokenSource disposed = new();
    private CancellationTokenSource? currentLoad;
    private CancellationTokenSource? currentWait;

    private ClientListQuery query = new();
    private ClientListQuery? requestedQuery;
    private ClientPage? clients;
    private ApiProblem? loadProblem;
    private bool isLoading;

    private string newClientName = string.Empty;
    private bool isCreating;
    private string? missingNameError;
    private ApiProblem? createProblem;
    private string? createStatus;

    [Inject]
    private GatewayClient Gateway { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The API refuses read-only users anyway; the form is not offered to them.</summary>
    private bool canAddClients;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = ClientListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.StatusParameter)]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = ClientListUrl.PageParameter)]
    public int? Page { get; set; }

    private bool IsFiltered => query.Search is not null || query.Status is not null;

    private IReadOnlyList<string> NameErrors =>
        missingNameError is not null ? [missingNameError] : createProblem?.ErrorsFor(NameField) ?? [];

    private IReadOnlyList<string> OtherCreateErrors => createProblem?.ErrorsExcept(NameField) ?? [];

    protected override async Task OnInitializedAsync() =>
        canAddClients = UserRoles.CanChangeBilling(CurrentUser.From((await AuthenticationState).User).Role);

    protected override async Task OnParametersSetAsync()
    {
        query = ClientListUrl.Parse(Search, Status, Sort, Direction, Page);
        // Parameters are set again whenever the layout re-renders; only a different query is worth a request.
        if (query != requestedQuery)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        // A newer request (filter changed, refresh) supersedes one still running.
        currentLoad?.Cancel();
        currentLoad?.Dispose();
        currentLoad = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        var cancellationToken = currentLoad.Token;
        requestedQuery = query;
        isLoading = true;
        try
        {
            clients = await Gateway.GetClientsAsync(requestedQuery, cancellationToken);
            loadProblem = null;
        }
        catch (ApiProblemException exception)
        {
            clients = null;
            loadProblem = exception.Problem;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Superseded or the page is gone: the newer request owns the state.
            return;
        }

        isLoading = false;
    }

    private Task RefreshAsync() => LoadAsync();

    private void ShowQuery(ClientListQuery next) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(ClientListUrl.PageParameters(next)));

    private void OnSearchChanged(ChangeEventArgs change)
    {
        var search = change.Value as string;
        ShowQuery(query with { Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(), Page = 1 });
    }

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        ShowQuery(query with { Status = ClientStatuses.IsKnown(status) ? status : null, Page = 1 });
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, query.Sort, query.Direction, ClientListUrl.DefaultDirection(column));
        ShowQuery(query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void GoToPage(int page) => ShowQuery(query with { Page = page });

    private void ClearFilters() => ShowQuery(query with { Search = null, Status = null, Page = 1 });

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

        // Adding another client stops waiting for the previous one; the list shows both in the end anyway.
        currentWait?.Cancel();
        currentWait?.Dispose();
        currentWait = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        var cancellationToken = currentWait.Token;

        CreatedClient created;
        isCreating = true;
        try
        {
            created = await Gateway.CreateClientAsync(name, cancellationToken);
        }
        catch (ApiProblemException exception)
        {
            createProblem = exception.Problem;
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            isCreating = false;
        }

        newClientName = string.Empty;
        createStatus = $"Added “{name}”. Waiting for it to appear in the list…";
        StateHasChanged();
        try
        {
            var listed = await WaitUntilListedAsync(created.Id, name, cancellationToken);
            createStatus = listed
                ? $"Added “{name}”."
                : $"Added “{name}”. It is taking longer than usual to appear in the list: use Refresh in a moment.";
            await LoadAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Another client is being added, or the user left the page.
        }
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

            ClientPage page;
            try
            {
                page = await Gateway.GetClientsAsync(lookup, cancellationToken);
            }
            catch (ApiProblemException)
            {
                // The list load that follows shows what is wrong with the read model.
                return false;
            }

            if (page.Items.Any(client => client.ClientId == clientId))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        currentLoad?.Dispose();
        currentWait?.Dispose();
    }
}
