using System.ComponentModel;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>
/// The members a client sends to create a bucket. Aggregation, prices and currency default to the unit type's;
/// <see cref="Reviewed"/> and <see cref="Enabled"/> default to true.
/// </summary>
public sealed record NewBucketFields(
    [property: Description("The client the bucket bills; it must be known to metering.")] Guid? ClientId,
    [property: Description("Display name, 1–200 characters.")] string? Name,
    [property: Description("Asset source the bucket meters (e.g. veeam), up to 256 characters; absent or empty takes every source.")]
    string? SourceType,
    [property: Description("The unit type the bucket meters.")] Guid? UnitTypeId,
    [property: Description("sum, max, avg, last or count; default the unit type's.")] string? Aggregation,
    [property: Description("Units included in the base price, ≥ 0, up to 4 decimal places.")] decimal? CommitUnits,
    [property: Description($"{PriceLabels.CommitPrice}, ≥ 0, up to 4 decimal places; default the unit type's.")]
    decimal? BasePrice,
    [property: Description($"{PriceLabels.OveragePrice}, ≥ 0, up to 6 decimal places; default the unit type's.")]
    decimal? OveragePrice,
    [property: Description("ISO-4217 code of both prices; default the unit type's. Another currency needs both prices.")]
    string? Currency,
    [property: Description("Whether a person has checked the terms (default true).")] bool? Reviewed,
    [property: Description("Disabled buckets bill nothing (default true).")] bool? Enabled);

/// <summary>The members a client sends to change a bucket: absent members stay as they are.</summary>
public sealed record BucketChangeFields(
    [property: Description("Display name, 1–200 characters.")] string? Name,
    [property: Description("Asset source the bucket meters, up to 256 characters; empty clears it (every source).")]
    string? SourceType,
    [property: Description("sum, max, avg, last or count.")] string? Aggregation,
    [property: Description("Units included in the base price, ≥ 0, up to 4 decimal places.")] decimal? CommitUnits,
    [property: Description($"{PriceLabels.CommitPrice}, ≥ 0, up to 4 decimal places.")] decimal? BasePrice,
    [property: Description($"{PriceLabels.OveragePrice}, ≥ 0, up to 6 decimal places.")] decimal? OveragePrice,
    bool? Reviewed,
    bool? Enabled);

/// <summary>Validates new buckets and changes to them; errors are keyed by the JSON member they concern.</summary>
public static class BucketRules
{
    public const int MaxNameLength = 200;
    public const int MaxSourceTypeLength = 256;

    /// <summary>
    /// Validates a new bucket against its unit type (null when the organization has no unit type with the given id)
    /// and fills in the unit type's defaults. Returns null and fills <paramref name="errors"/> when anything is wrong.
    /// </summary>
    public static BucketDefinition? Create(NewBucketFields fields, UnitTypeDefinition? unitType,
        IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.ClientId is null || fields.ClientId == Guid.Empty)
        {
            errors["clientId"] = ["clientId is required."];
        }
        if (fields.UnitTypeId is null || fields.UnitTypeId == Guid.Empty)
        {
            errors["unitTypeId"] = ["unitTypeId is required."];
        }
        else if (unitType is null)
        {
            errors["unitTypeId"] = [$"There is no unit type '{fields.UnitTypeId}' in this organization."];
        }

        var name = CheckName(fields.Name, "name is required.", errors);
        var sourceType = CheckSourceType(fields.SourceType, errors);
        var aggregation = CheckAggregation(fields.Aggregation, errors) ?? unitType?.Aggregation;
        if (fields.CommitUnits is null)
        {
            errors["commitUnits"] = ["commitUnits is required."];
        }
        UnitTypeRules.CheckAmount(fields.CommitUnits, 4, UnitTypeRules.MaxCommitUnits, "commitUnits", errors);
        UnitTypeRules.CheckAmount(fields.BasePrice, 4, UnitTypeRules.MaxBasePrice, "basePrice", errors);
        UnitTypeRules.CheckAmount(fields.OveragePrice, 6, UnitTypeRules.MaxOveragePrice, "overagePrice", errors);

        var currency = unitType?.Currency;
        if (fields.Currency is not null)
        {
            if (Iso4217.TryNormalize(fields.Currency.Trim(), out var normalized))
            {
                currency = normalized;
            }
            else
            {
                errors["currency"] = [Iso4217.RefusalMessage(fields.Currency)];
            }
        }
        // The unit type's prices are in its own currency: they cannot stand for prices in another one.
        var foreignCurrency = unitType is not null && currency is not null && currency != unitType.Currency;
        foreach (var (member, price) in new[] { ("basePrice", fields.BasePrice), ("overagePrice", fields.OveragePrice) })
        {
            if (foreignCurrency && price is null)
            {
                errors[member] = [$"{member} is required when the currency differs from the unit type's ({unitType!.Currency})."];
            }
        }

        if (errors.Count > 0 || unitType is null)
        {
            return null;
        }
        return new BucketDefinition(fields.ClientId!.Value, name!, sourceType, fields.UnitTypeId!.Value,
            aggregation!.Value, fields.CommitUnits!.Value, fields.BasePrice ?? unitType.BasePrice,
            fields.OveragePrice ?? unitType.OveragePrice, currency!, fields.Reviewed ?? true, fields.Enabled ?? true);
    }

    /// <summary>Applies the present members of <paramref name="fields"/> to <paramref name="current"/> and validates them.</summary>
    public static BucketDefinition? Change(BucketDefinition current, BucketChangeFields fields,
        IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(fields);
        var name = fields.Name is null ? current.Name : CheckName(fields.Name, "name must not be empty.", errors);
        var sourceType = fields.SourceType is null ? current.SourceType : CheckSourceType(fields.SourceType, errors);
        var aggregation = CheckAggregation(fields.Aggregation, errors) ?? current.Aggregation;
        UnitTypeRules.CheckAmount(fields.CommitUnits, 4, UnitTypeRules.MaxCommitUnits, "commitUnits", errors);
        UnitTypeRules.CheckAmount(fields.BasePrice, 4, UnitTypeRules.MaxBasePrice, "basePrice", errors);
        UnitTypeRules.CheckAmount(fields.OveragePrice, 6, UnitTypeRules.MaxOveragePrice, "overagePrice", errors);
        if (errors.Count > 0)
        {
            return null;
        }
        return current with
        {
            Name = name!,
            SourceType = sourceType,
            Aggregation = aggregation,
            CommitUnits = fields.CommitUnits ?? current.CommitUnits,
            BasePrice = fields.BasePrice ?? current.BasePrice,
            OveragePrice = fields.OveragePrice ?? current.OveragePrice,
            Reviewed = fields.Reviewed ?? current.Reviewed,
            Enabled = fields.Enabled ?? current.Enabled,
        };
    }

    private static string? CheckName(string? given, string missing, IDictionary<string, string[]> errors)
    {
        var name = given?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = [missing];
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"name must be 1–{MaxNameLength} characters without control characters."];
        }
        return name;
    }

    /// <summary>Blank means every source.</summary>
    private static string? CheckSourceType(string? given, IDictionary<string, string[]> errors)
    {
        var sourceType = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (sourceType is not null && (sourceType.Length > MaxSourceTypeLength || sourceType.Any(char.IsControl)))
        {
            errors["sourceType"] = [$"sourceType must be at most {MaxSourceTypeLength} characters without control characters."];
        }
        return sourceType;
    }

    private static Aggregation? CheckAggregation(string? given, IDictionary<string, string[]> errors)
    {
        if (given is null)
        {
            return null;
        }
        if (AggregationNames.TryParse(given.Trim(), out var aggregation))
        {
            return aggregation;
        }
        errors["aggregation"] = [$"aggregation must be one of: {string.Join(", ", AggregationNames.All)}."];
        return null;
    }
}
