using BillingOne.BuildingBlocks.Paging;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Domain;

public enum DeviceSortField
{
    Name,
    LastSeen,
    Organization,
}

/// <summary>A validated request for a page of the device list.</summary>
public sealed record DeviceListQuery(
    string? Search,
    string? OrganizationId,
    Guid? ClientId,
    RmmDeviceKind? Kind,
    RmmDeviceState? State,
    bool IncludeRemoved,
    DeviceSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>
    /// Reads the list's query parameters; absent ones do not filter. Errors are keyed by the parameter they concern.
    /// </summary>
    public static DeviceListQuery? Parse(string? search, string? organizationId, string? clientId, string? kind,
        string? state, string? includeRemoved, string? sort, string? direction, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var trimmedOrganizationId = QueryValues.ParseText(organizationId, "organizationId", MaxSearchLength, errors);
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);
        var kindFilter = OptionalChoice<RmmDeviceKind>(kind, "kind", errors);
        var stateFilter = OptionalChoice<RmmDeviceState>(state, "state", errors);
        var removedToo = QueryValues.ParseBoolean(includeRemoved, "includeRemoved", errors) ?? false;
        var sortField = QueryValues.ParseChoice(sort, "sort", DeviceSortField.Name, errors);
        var sortDirection = SortDirections.Parse(direction, SortDirection.Ascending, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count == 0
            ? new DeviceListQuery(trimmedSearch, trimmedOrganizationId, client, kindFilter, stateFilter, removedToo,
                sortField, sortDirection, pageRequest)
            : null;
    }

    private static TChoice? OptionalChoice<TChoice>(string? value, string parameter, IDictionary<string, string[]> errors)
        where TChoice : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : QueryValues.ParseChoice(value, parameter, default(TChoice), errors);
}
