using System.ComponentModel;
using BillingOne.Contracts.Money;
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
    [property: Description($"{PriceLabels.CommitPrice}; {PriceLabels.Shown}.")]
    decimal BasePrice,
    [property: Description($"{PriceLabels.OveragePrice}; {PriceLabels.Shown}.")]
    decimal OveragePrice,
    [property: Description("ISO-4217 code of both prices.")] string Currency,
    [property: Description("sum, max, avg, last or count.")] string Aggregation,
    [property: Description("Glob on the asset id; null matches every asset.")] string? FilterPattern,
    [property: Description("precision decimals at least, more when the commit was set with them.")]
    decimal CommitUnits,
    [property: Description("Decimals quantities of this unit are shown with (0–6).")] int Precision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static UnitTypeResponse From(UnitType unitType)
    {
        var definition = unitType.Definition;
        return new(unitType.Id, definition.Key, definition.Name, definition.Description, definition.AutoProvision,
            Decimals.UnitPrice(definition.BasePrice, definition.Currency),
            Decimals.UnitPrice(definition.OveragePrice, definition.Currency), definition.Currency,
            definition.Aggregation.ToApiName(), definition.FilterPattern,
            Decimals.AtLeast(definition.CommitUnits, definition.Precision), definition.Precision, unitType.CreatedAt,
            unitType.UpdatedAt);
    }
}
