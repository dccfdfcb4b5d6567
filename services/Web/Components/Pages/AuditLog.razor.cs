using BillingOne.Web.Api;
using BillingOne.Web.Audit;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// Audit Log: the projection's combined log of every service's changes (the seed's columns), filtered by table,
/// action, actor and time range, a page at a time; each row opens to its old and new values.
/// </summary>
public sealed partial class AuditLog : AddressedListComponentBase<AuditEntry, AuditLogQuery>
{
    /// <summary>Actions the services record; offered as suggestions, any other text still filters.</summary>
    private static readonly string[] KnownActions = ["create", "update", "delete", "enable", "disable", "revoke"];

    private readonly HashSet<string> expanded = [];
    private FilterDraft draft = new();

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

    private bool IsFiltered => Query with { Page = 1 } != new AuditLogQuery();

    protected override AuditLogQuery QueryFromAddress() => AuditLogUrl.Parse(Table, Action, ActorId, From, To, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(AuditLogQuery query) => AuditLogUrl.PageParameters(query);

    protected override Task<PagedList<AuditEntry>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetAuditLogAsync(Query, cancellationToken);

    // Another query shows other rows, all closed, and its filters in the form.
    protected override void OnQueryChanged()
    {
        draft = FilterDraft.FromQuery(Query);
        expanded.Clear();
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
            Show(filters);
        }
    }

    private void ClearFilters() => Show(new AuditLogQuery());

    private static string ActorLabel(string actorType) => actorType switch
    {
        "user" => "user",
        "api-key" => "API key",
        "service" => "service",
        _ => actorType,
    };

    private static IReadOnlyList<string> Messages(string? error) => error is null ? [] : [error];

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
