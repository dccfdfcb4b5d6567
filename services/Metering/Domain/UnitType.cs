using System.ComponentModel;
using System.Text.RegularExpressions;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>A saved unit type of one organization.</summary>
public sealed record UnitType(Guid OrgId, Guid Id, UnitTypeDefinition Definition, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The editable, validated values of a unit type. Prices are in <see cref="Currency"/>: the base price is the price of
/// the whole commit for one period, the overage price is per unit above it (<see cref="PriceLabels"/>). <see cref="Precision"/> is how many decimals
/// quantities of this unit are shown with (usage, commitments), in API answers and on pages alike.
/// </summary>
public sealed record UnitTypeDefinition(
    string Key,
    string Name,
    string? Description,
    bool AutoProvision,
    decimal BasePrice,
    decimal OveragePrice,
    string Currency,
    Aggregation Aggregation,
    string? FilterPattern,
    decimal CommitUnits,
    int Precision);

/// <summary>
/// The members a client sends to create (all required ones present) or change (only the members to change) a
/// unit type. An empty <see cref="Description"/> or <see cref="FilterPattern"/> clears it.
/// </summary>
public sealed record UnitTypeFields(
    [property: Description("Stable slug, 1–64 lower-case letters, digits and single hyphens (e.g. backup-gb); unique in the organization.")]
    string? Key,
    [property: Description("Display name, 1–200 characters.")] string? Name,
    [property: Description("Optional, up to 2000 characters; empty clears it.")] string? Description,
    [property: Description("Whether assets reporting this unit are provisioned automatically (default false).")]
    bool? AutoProvision,
    [property: Description($"{PriceLabels.CommitPrice}, ≥ 0, up to 4 decimal places.")] decimal? BasePrice,
    [property: Description($"{PriceLabels.OveragePrice}, ≥ 0, up to 6 decimal places.")] decimal? OveragePrice,
    [property: Description("ISO-4217 currency code of both prices, e.g. AUD.")] string? Currency,
    [property: Description("sum, max, avg, last or count.")] string? Aggregation,
    [property: Description("Optional glob on the asset id (* and ?), up to 200 characters; empty clears it.")]
    string? FilterPattern,
    [property: Description("Units included in the base price, ≥ 0, up to 4 decimal places (default 0).")]
    decimal? CommitUnits,
    [property: Description("Decimals quantities of this unit are shown with, 0–6 (default 0 for the count " +
        "aggregation, else 2).")]
    int? Precision);

public static partial class UnitTypeRules
{
    public const int MaxKeyLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxFilterPatternLength = 200;
    public const int MaxPrecision = 6;

    // Far below what the columns hold (numeric(18,4), numeric(18,6)): cost multiplies these by usage and by each
    // other (base × buffer units, overage price × overage units), and the products must stay well inside decimal's
    // 7.9e28 for any realistic usage. A usage beyond even that marks its bucket row, not the whole list.
    internal const decimal MaxBasePrice = 1_000_000_000_000m;
    internal const decimal MaxOveragePrice = 1_000_000_000m;
    internal const decimal MaxCommitUnits = 1_000_000_000_000m;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>
    /// The precision a unit type gets when none is given: a count of assets is whole, anything else is shown to the
    /// cent-like two decimals most units (GB, hours) are billed in. Migration 0004 gave existing unit types the same.
    /// </summary>
    public static int DefaultPrecision(Aggregation aggregation) => aggregation == Aggregation.Count ? 0 : 2;

    /// <summary>
    /// Validates a new unit type: key, name, prices, currency and aggregation are required. Returns null and fills
    /// <paramref name="errors"/> (by JSON member name) when anything is wrong.
    /// </summary>
    public static UnitTypeDefinition? Create(UnitTypeFields fields, IDictionary<string, string[]> errors) =>
        Validate(fields, current: null, errors);

    /// <summary>Applies the present members of <paramref name="fields"/> to <paramref name="current"/> and validates the result.</summary>
    public static UnitTypeDefinition? Change(UnitTypeDefinition current, UnitTypeFields fields,
        IDictionary<string, string[]> errors) => Validate(fields, current, errors);

    private static UnitTypeDefinition? Validate(UnitTypeFields fields, UnitTypeDefinition? current,
        IDictionary<string, string[]> errors)
    {
        var key = Required(fields.Key?.Trim(), current?.Key, "key", errors);
        if (key is not null && (key.Length > MaxKeyLength || !SlugPattern().IsMatch(key)))
        {
            errors["key"] = [$"key must be 1–{MaxKeyLength} lower-case letters, digits and single hyphens, " +
                "not starting or ending with a hyphen (e.g. backup-gb)."];
        }

        var name = Required(fields.Name?.Trim(), current?.Name, "name", errors);
        if (name is not null && (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl)))
        {
            errors["name"] = [$"name must be 1–{MaxNameLength} characters without control characters."];
        }

        var description = Optional(fields.Description, current?.Description);
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"description must be at most {MaxDescriptionLength} characters."];
        }

        var basePrice = Required(fields.BasePrice, current?.BasePrice, "basePrice", errors);
        CheckAmount(basePrice, 4, MaxBasePrice, "basePrice", errors);
        var overagePrice = Required(fields.OveragePrice, current?.OveragePrice, "overagePrice", errors);
        CheckAmount(overagePrice, 6, MaxOveragePrice, "overagePrice", errors);
        var commitUnits = fields.CommitUnits ?? current?.CommitUnits ?? 0m;
        CheckAmount(commitUnits, 4, MaxCommitUnits, "commitUnits", errors);

        string? currency = null;
        var currencyText = Required(fields.Currency, current?.Currency, "currency", errors);
        if (currencyText is not null && !Iso4217.TryNormalize(currencyText.Trim(), out currency))
        {
            errors["currency"] = [Iso4217.RefusalMessage(currencyText)];
        }

        Aggregation? aggregation = current?.Aggregation;
        if (fields.Aggregation is not null)
        {
            aggregation = AggregationNames.TryParse(fields.Aggregation.Trim(), out var parsed) ? parsed : null;
            if (aggregation is null)
            {
                errors["aggregation"] = [$"aggregation must be one of: {string.Join(", ", AggregationNames.All)}."];
            }
        }
        else if (aggregation is null)
        {
            errors["aggregation"] = ["aggregation is required."];
        }

        var precision = fields.Precision ?? current?.Precision ?? DefaultPrecision(aggregation ?? Aggregation.Sum);
        if (precision is < 0 or > MaxPrecision)
        {
            errors["precision"] = [$"precision must be a whole number of decimals from 0 to {MaxPrecision}."];
        }

        var filterPattern = Optional(fields.FilterPattern, current?.FilterPattern);
        if (filterPattern is not null && (filterPattern.Length > MaxFilterPatternLength || filterPattern.Any(char.IsControl)))
        {
            errors["filterPattern"] = [$"filterPattern must be at most {MaxFilterPatternLength} characters without control characters."];
        }

        if (errors.Count > 0)
        {
            return null;
        }
        return new UnitTypeDefinition(key!, name!, description, fields.AutoProvision ?? current?.AutoProvision ?? false,
            basePrice!.Value, overagePrice!.Value, currency!, aggregation!.Value, filterPattern, commitUnits, precision);
    }

    private static T? Required<T>(T? given, T? current, string member, IDictionary<string, string[]> errors)
        where T : class
    {
        var value = given ?? current;
        if (value is null)
        {
            errors[member] = [$"{member} is required."];
        }
        return value;
    }

    private static decimal? Required(decimal? given, decimal? current, string member,
        IDictionary<string, string[]> errors)
    {
        var value = given ?? current;
        if (value is null)
        {
            errors[member] = [$"{member} is required."];
        }
        return value;
    }

    /// <summary>Absent keeps the current value; blank clears it.</summary>
    private static string? Optional(string? given, string? current)
    {
        if (given is null)
        {
            return current;
        }
        var trimmed = given.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Shared with <see cref="BucketRules"/>: bucket prices and commits use the same column types.</summary>
    internal static void CheckAmount(decimal? value, int decimals, decimal max, string member,
        IDictionary<string, string[]> errors)
    {
        // Rounding on storage would silently change a price, so more precision than the column holds is an error.
        if (value is { } amount && (amount < 0 || amount > max || decimal.Round(amount, decimals) != amount))
        {
            errors[member] = [$"{member} must be between 0 and {max} with at most {decimals} decimal places."];
        }
    }
}
