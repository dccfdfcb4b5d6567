using BillingOne.Web.Api;

namespace BillingOne.Web.ClientList;

/// <summary>The words the seed uses for each reconciliation status, and the filter's choices in its order.</summary>
public static class ClientStatusLabels
{
    public const string All = "All";

    /// <summary>
    /// The filter of the disabled clients: a status filter lists enabled clients only, so the filters add up to All
    /// (docs/domain.md, "One figure, one definition").
    /// </summary>
    public const string DisabledFilter = "disabled";

    /// <summary>Status filter choices; a null value means every status.</summary>
    public static readonly IReadOnlyList<(string? Value, string Label)> FilterOptions =
    [
        (null, All),
        (ClientStatuses.UnderLicensed, "Under-licensed"),
        (ClientStatuses.OverLicensed, "Over-licensed"),
        (ClientStatuses.Matched, "Matched"),
        (ClientStatuses.NoData, "No data"),
        (DisabledFilter, "Disabled"),
    ];

    /// <summary>Whether <paramref name="value"/> is one of the list's filters (a status, or disabled).</summary>
    public static bool IsFilter(string? value) => ClientStatuses.IsKnown(value) || value == DisabledFilter;

    /// <summary>The label of a status; a value the UI does not know yet is shown as sent.</summary>
    public static string For(string status) =>
        FilterOptions.FirstOrDefault(option => option.Value == status).Label ?? status;

    /// <summary>What a status means (the seed's Status Meanings); null for a value the UI does not know yet.</summary>
    public static string? Meaning(string status) => status switch
    {
        ClientStatuses.Matched => "Devices and licenses align",
        ClientStatuses.UnderLicensed => "More devices than licenses: the client is using more than they're paying for",
        ClientStatuses.OverLicensed => "More licenses than devices: the client is paying for more than they're using",
        ClientStatuses.NoData => "Run a reconciliation snapshot first",
        _ => null,
    };
}
