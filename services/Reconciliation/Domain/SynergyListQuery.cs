using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Reconciliation.Domain;

/// <summary>The three lists of the Domains &amp; Hosting page.</summary>
public enum SynergyListKind
{
    Domains,
    Hosting,
    Certificates,
}

/// <summary>
/// What a Synergy list sorts by: <see cref="Name"/> is the domain (hosting: its domain; certificates: the common name),
/// <see cref="Expiry"/> the expiry (hosting: the next renewal).
/// </summary>
public enum SynergySortField
{
    Name,
    Client,
    Status,
    Expiry,
    Plan,
    Product,
}

/// <summary>A validated request for a page (or, for an export, all) of one Synergy list.</summary>
/// <param name="ExpiringWithinDays">Only items expiring (or renewing) from now to that many days ahead.</param>
/// <param name="AutoRenew">Domains only: whether auto-renewal is on.</param>
public sealed record SynergyListQuery(
    SynergyListKind Kind,
    string? Search,
    string? Status,
    Guid? ClientId,
    int? ExpiringWithinDays,
    bool? AutoRenew,
    SynergySortField Sort,
    SortDirection Direction,
    PageRequest? Page)
{
    public const int MaxSearchLength = 200;
    public const int MaxStatusLength = 60;
    public const int MaxExpiringWithinDays = 3650;

    /// <summary>How many days ahead counts as expiring soon on the summary.</summary>
    public const int ExpiringSoonDays = 30;

    public static IReadOnlyList<SynergySortField> SortFields(SynergyListKind kind) => kind switch
    {
        SynergyListKind.Domains => [SynergySortField.Name, SynergySortField.Client, SynergySortField.Status, SynergySortField.Expiry],
        SynergyListKind.Hosting => [SynergySortField.Name, SynergySortField.Client, SynergySortField.Plan, SynergySortField.Status,
            SynergySortField.Expiry],
        _ => [SynergySortField.Name, SynergySortField.Client, SynergySortField.Product, SynergySortField.Status,
            SynergySortField.Expiry],
    };

    /// <summary>
    /// Reads a list's query parameters; absent ones do not filter. <paramref name="paged"/> false (an export) ignores
    /// paging. Errors are keyed by the parameter they concern.
    /// </summary>
    public static SynergyListQuery? Parse(SynergyListKind kind, string? search, string? status, string? clientId,
        int? expiringWithinDays, string? autoRenew, string? sort, string? direction, int? page, int? pageSize,
        bool paged, IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var trimmedStatus = QueryValues.ParseText(status, "status", MaxStatusLength, errors);
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);
        var days = QueryValues.WithinBounds(expiringWithinDays, "expiringWithinDays", 0, MaxExpiringWithinDays, errors);
        var renewing = kind == SynergyListKind.Domains ? QueryValues.ParseBoolean(autoRenew, "autoRenew", errors) : null;
        var sortField = ParseSort(kind, sort, errors);
        var sortDirection = SortDirections.Parse(direction, SortDirection.Ascending, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;
        return errors.Count == 0
            ? new SynergyListQuery(kind, trimmedSearch, trimmedStatus, client, days, renewing, sortField, sortDirection,
                pageRequest)
            : null;
    }

    private static SynergySortField ParseSort(SynergyListKind kind, string? value, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SynergySortField.Name;
        }
        var allowed = SortFields(kind);
        if (Enum.TryParse<SynergySortField>(value.Trim(), ignoreCase: true, out var field)
            && !int.TryParse(value, out _) && allowed.Contains(field))
        {
            return field;
        }
        errors["sort"] = [$"sort must be one of {string.Join(", ", allowed.Select(choice => $"'{Camel(choice)}'"))}."];
        return SynergySortField.Name;
    }

    private static string Camel(SynergySortField field) =>
        char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];
}
