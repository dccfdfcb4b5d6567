using BillingOne.Web.Api;
using BillingOne.Web.ClientMappings;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// Client mappings (seed 000): Pax8 companies and RMM organizations matched to clients. Per tab the summary counts,
/// a mapped / unmapped / suggested filter and search (kept in the URL), each record's suggestions with their
/// similarity to apply or reject, one by one or selected in bulk, a client picker to map by hand, unmapping, a client
/// created from a record, CSV import with a dry-run report first, and CSV export. Owners, admins and finance change
/// mappings; read-only users look.
/// </summary>
public sealed partial class Mappings : AddressedListComponentBase<VendorMapping, MappingListQuery>
{
    private const int Columns = 6;

    /// <summary>A client created from a record gets this zone when the organization's could not be read.</summary>
    private const string FallbackTimeZone = "UTC";

    private readonly HashSet<string> selected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid?> pickedClients = new(StringComparer.Ordinal);
    private MappingSummary? summary;
    private ApiProblem? summaryProblem;
    private string timeZone = FallbackTimeZone;

    [SupplyParameterFromQuery(Name = MappingListUrl.VendorParameter)]
    public string? Vendor { get; set; }

    [SupplyParameterFromQuery(Name = MappingListUrl.StateParameter)]
    public string? State { get; set; }

    [SupplyParameterFromQuery(Name = MappingListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = MappingListUrl.PageParameter)]
    public int? Page { get; set; }

    private string Record => MappingVendors.Record(Query.Vendor);

    protected override async Task OnInitializedAsync()
    {
        // The counts and the zone of created clients load alongside the first page.
        var loadingOrganization = CallAsync(Gateway.GetOrganizationAsync);
        var loadingSummary = LoadSummaryAsync();
        await base.OnInitializedAsync();
        timeZone = (await loadingOrganization).Value?.TimeZone ?? FallbackTimeZone;
        await loadingSummary;
    }

    protected override MappingListQuery QueryFromAddress() => MappingListUrl.Parse(Vendor, State, Search, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(MappingListQuery query) => MappingListUrl.PageParameters(query);

    protected override void OnQueryChanged() => selected.Clear();

    protected override Task<PagedList<VendorMapping>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetMappingsAsync(Query, cancellationToken);

    private async Task LoadSummaryAsync()
    {
        var loaded = await CallAsync(Gateway.GetMappingSummaryAsync);
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
    }

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnStateChanged(ChangeEventArgs change)
    {
        var state = change.Value as string;
        Show(Query with { State = MappingStates.All.Contains(state) ? state : null, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { State = null, Search = null, Page = 1 });

    private void ToggleSelected(VendorMapping mapping)
    {
        if (!selected.Remove(mapping.ExternalId))
        {
            selected.Add(mapping.ExternalId);
        }
    }

    private void ToggleAll(IReadOnlyList<VendorMapping> rows, ChangeEventArgs change)
    {
        selected.Clear();
        if (change.Value is true)
        {
            selected.UnionWith(rows.Select(row => row.ExternalId));
        }
    }

    private static bool AllSelected(IReadOnlyList<VendorMapping> rows, IReadOnlySet<string> selection) =>
        rows.Count > 0 && rows.All(row => selection.Contains(row.ExternalId));

    /// <summary>The selected rows' best suggestions: what Apply selected and Reject selected act on.</summary>
    private List<MappingItem> SelectedSuggestions() =>
        (List?.Items ?? [])
            .Where(row => selected.Contains(row.ExternalId) && row.Suggestions.Count > 0)
            .Select(row => new MappingItem(row.Vendor, row.ExternalId, row.Suggestions.MaxBy(suggestion => suggestion.Score)!.ClientId))
            .ToList();

    private Task ApplyAsync(string change, IReadOnlyList<MappingItem> items) =>
        ChangeMappingsAsync(change, cancellationToken => Gateway.ApplyMappingsAsync(items, cancellationToken));

    private Task RejectAsync(string change, IReadOnlyList<MappingItem> items) =>
        ChangeMappingsAsync(change, cancellationToken => Gateway.RejectMappingsAsync(items, cancellationToken));

    private Task ApplySuggestionAsync(VendorMapping mapping, MappingSuggestion suggestion) =>
        ApplyAsync($"Map “{mapping.Name}” to {suggestion.ClientName}", [new(mapping.Vendor, mapping.ExternalId, suggestion.ClientId)]);

    private Task RejectSuggestionAsync(VendorMapping mapping, MappingSuggestion suggestion) =>
        RejectAsync($"Reject {suggestion.ClientName} for “{mapping.Name}”", [new(mapping.Vendor, mapping.ExternalId, suggestion.ClientId)]);

    private Task ApplySelectedAsync() => ApplyAsync("Apply selected suggestions", SelectedSuggestions());

    private Task RejectSelectedAsync() => RejectAsync("Reject selected suggestions", SelectedSuggestions());

    private Task MapToPickedClientAsync(VendorMapping mapping) =>
        pickedClients.GetValueOrDefault(mapping.ExternalId) is { } clientId
            ? ApplyAsync($"Map “{mapping.Name}”", [new(mapping.Vendor, mapping.ExternalId, clientId)])
            : Task.CompletedTask;

    private Task UnmapAsync(VendorMapping mapping) =>
        ChangeMappingsAsync($"Unmap “{mapping.Name}”",
            cancellationToken => Gateway.UnmapAsync([new UnmapItem(mapping.Vendor, mapping.ExternalId)], cancellationToken));

    private async Task CreateClientAsync(VendorMapping mapping)
    {
        var request = new CreateClientFromMappingRequest(mapping.Vendor, mapping.ExternalId, mapping.Name, timeZone);
        await ChangeAsync(
            cancellationToken => Gateway.CreateClientFromMappingAsync(request, cancellationToken),
            created => $"Created the client “{created.Client.Name}” and mapped “{mapping.Name}” to it.");
        await LoadSummaryAsync();
    }

    private async Task ChangeMappingsAsync(string change, Func<CancellationToken, Task<MappingResults>> call)
    {
        if (await ChangeAsync(call, answer => MappingOutcomes.Describe(change, answer)))
        {
            selected.Clear();
        }

        await LoadSummaryAsync();
    }

    private async Task OnImportedAsync()
    {
        await LoadAsync();
        await LoadSummaryAsync();
    }
}
