using System.ComponentModel;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>Query parameters of <c>GET /api/metering/unit-types</c> besides the paging.</summary>
public sealed record UnitTypeListParameters(
    [property: Description("Part of the name or key, any case.")]
    [FromQuery(Name = "search")] string? Search);

public sealed record UnitTypeResponse(
    Guid Id,
    [property: Description("Stable slug, unique in the organization.")] string Key,
    string Name,
    string? Description,
    bool AutoProvision,
    decimal BasePrice,
    decimal OveragePrice,
    [property: Description("ISO-4217 code of both prices.")] string Currency,
    [property: Description("sum, max, avg, last or count.")] string Aggregation,
    [property: Description("Glob on the asset id; null matches every asset.")] string? FilterPattern,
    decimal CommitUnits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static UnitTypeResponse From(UnitType unitType)
    {
        var definition = unitType.Definition;
        return new(unitType.Id, definition.Key, definition.Name, definition.Description, definition.AutoProvision,
            definition.BasePrice, definition.OveragePrice, definition.Currency, definition.Aggregation.ToApiName(),
            definition.FilterPattern, definition.CommitUnits, unitType.CreatedAt, unitType.UpdatedAt);
    }
}
