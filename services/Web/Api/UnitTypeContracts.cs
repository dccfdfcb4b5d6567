namespace BillingOne.Web.Api;

// The web UI's view of the metering service's unit types (services/Metering/Apis/UnitTypesApi.cs):
//   GET    /api/metering/unit-types?page=&pageSize=  -> PagedList<UnitType> (ordered by name)
//   POST   /api/metering/unit-types  UnitTypeFields  -> 201 UnitType
//   PATCH  /api/metering/unit-types/{id}  UnitTypeFields -> UnitType
//   DELETE /api/metering/unit-types/{id}             -> 204

/// <param name="BasePrice">Commit price per period (the whole commit for one billing period), in <see cref="Currency"/>.</param>
/// <param name="OveragePrice">Price per unit above the commitment, in <see cref="Currency"/>.</param>
/// <param name="FilterPattern">Glob on the asset id; null matches every asset.</param>
/// <param name="AutoProvision">Nightly auto-provisioning creates buckets from this template.</param>
/// <param name="Precision">Decimals quantities of this unit are shown with (0–6).</param>
public sealed record UnitType(
    Guid Id,
    string Key,
    string Name,
    string? Description,
    bool AutoProvision,
    decimal BasePrice,
    decimal OveragePrice,
    string Currency,
    string Aggregation,
    string? FilterPattern,
    decimal CommitUnits,
    int Precision);

/// <summary>A unit type to create, or the members to change (null members are left out; an empty description or
/// filter pattern clears it).</summary>
public sealed record UnitTypeFields(
    string? Key,
    string? Name,
    string? Description,
    bool? AutoProvision,
    decimal? BasePrice,
    decimal? OveragePrice,
    string? Currency,
    string? Aggregation,
    string? FilterPattern,
    decimal? CommitUnits,
    int? Precision);

public static class UnitTypePaths
{
    public const string UnitTypes = "api/metering/unit-types";
    public const int DefaultPageSize = 25;

    public static string List(int page, int pageSize) =>
        ApiQuery.Build(UnitTypes, ("page", page), ("pageSize", pageSize));
}

/// <summary>The Unit Types page's page of the list, kept in its address.</summary>
public sealed record UnitTypeListQuery(int Page = 1, int PageSize = UnitTypePaths.DefaultPageSize) : IPagedQuery<UnitTypeListQuery>
{
    public UnitTypeListQuery WithPage(int page) => this with { Page = page };
}

/// <summary>How readings of a period aggregate into usage, as the metering service spells them.</summary>
public static class Aggregations
{
    public static readonly IReadOnlyList<string> All = ["sum", "max", "avg", "last", "count"];
}
