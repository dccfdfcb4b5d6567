using BillingOne.Web.Api;
using BillingOne.Web.Audit;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// Audit Log: the projection's combined log of every service's changes (the seed's columns), filtered by table,
/// action, actor and time range, a page at a time; each row opens to its old and new values.
/// </summary>
public sealed partial class AuditLog : IDisposable
{
    /// <summary>Actions the services record; offered as suggestions, any other text still filters.</summary>
    private static readonly string[] KnownActions = ["create", "update", "delete", "enable", "disable", "revoke"];

    private readonly CancellationTokenSource disposed = new();
    private CancellationTokenSource? currentLoad;
    private AuditLogQuery query = new();
    private AuditLogQuery? requestedQuery;
    private AuditLogPage? entries;
    private ApiProblem? loadProblem;
    private bool isLoading;
    private readonly HashSet<string> expanded = [];
    private FilterDraft draft = new();

    [Inject]
    private GatewayClient Gateway { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = AuditLogUrl.TableParameter)]
    public string? Table { get; set; }

    [SupplyParameterFromQuery(Name = AuditLogUrl.ActionParameter)]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = AuditLogUrl.ActorParameter)]
    public string? ActorId { get; set; }

    [SupplyParameterFromQuery(Name = AuditLogUrl.FromParameter)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = AuditLogUrl.ToParameter)]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = AuditLogUrl.PageParameter)]
    public int? Page { get; set; }

    private bool IsFiltered => query with { Page = 1 } != new AuditLogQuery();

    protected override async Task OnParametersSetAsync()
    {
        query = AuditLogUrl.Parse(Table, Action, ActorId, From, To, Page);
        // Parameters are set again whenever the layout re-renders; only a different query is worth a request.
        if (query != requestedQuery)
        {
            draft = FilterDraft.FromQuery(query);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        // A newer request (filters or page changed) supersedes one still running.
        currentLoad?.Cancel();
        currentLoad?.Dispose();
        currentLoad = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        var cancellationToken = currentLoad.Token;
        requestedQuery = query;
        isLoading = true;
        try
        {
            entries = await Gateway.GetAuditLogAsync(query, cancellationToken);
            loadProblem = null;
            expanded.Clear();
        }
        catch (ApiProblemException exception)
        {
            entries = null;
            loadProblem = exception.Problem;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        isLoading = false;
    }

    private void Toggle(string entryId)
    {
        if (!expanded.Remove(entryId))
        {
            expanded.Add(entryId);
        }
    }

    private void ApplyFilters()
    {
        if (draft.Validate() is { } filters)
        {
            ShowQuery(filters);
        }
    }

    private void ClearFilters() => ShowQuery(new AuditLogQuery());

    private void GoToPage(int page) => ShowQuery(query with { Page = page });

    private void ShowQuery(AuditLogQuery next) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(AuditLogUrl.PageParameters(next)));

    private static string ActorLabel(string actorType) => actorType switch
    {
        "user" => "user",
        "api-key" => "API key",
        "service" => "service",
        _ => actorType,
    };

    private static IReadOnlyList<string> Messages(string? error) => error is null ? [] : [error];

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        currentLoad?.Dispose();
    }

    /// <summary>What the filter form holds until Apply: text as typed, checked only then.</summary>
    private sealed class FilterDraft
    {
        public string? Table { get; set; }
        public string? Action { get; set; }
        public string? ActorId { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public string? ActorError { get; private set; }
        public string? FromError { get; private set; }
        public string? ToError { get; private set; }

        public static FilterDraft FromQuery(AuditLogQuery query) => new()
        {
            Table = query.Table,
            Action = query.Action,
            ActorId = query.ActorId?.ToString(),
            From = AuditLogUrl.ToInputValue(query.From),
            To = AuditLogUrl.ToInputValue(query.To),
        };

        /// <summary>The query to show (first page), or null with the errors set when a filter does not parse.</summary>
        public AuditLogQuery? Validate()
        {
            var filters = AuditLogUrl.Parse(Table, Action, ActorId, From, To, page: 1);
            ActorError = !string.IsNullOrWhiteSpace(ActorId) && filters.ActorId is null
                ? "Enter a user or API key ID (a GUID such as 0b111111-0000-4000-8000-000000000001)."
                : null;
            FromError = !string.IsNullOrWhiteSpace(From) && filters.From is null ? "Enter a date and time." : null;
            ToError = !string.IsNullOrWhiteSpace(To) && filters.To is null ? "Enter a date and time."
                : filters.From > filters.To ? "Must not be before From."
                : null;
            return ActorError is null && FromError is null && ToError is null ? filters : null;
        }
    }
}
