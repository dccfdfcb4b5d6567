using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Components.Metering;

/// <summary>A unit type being typed into the create or edit form, as text until it is sent.</summary>
public sealed class UnitTypeDraft
{
    // The unit types API's member names, which its validation problem uses for field errors.
    public const string KeyField = "key";
    public const string NameField = "name";
    public const string DescriptionField = "description";
    public const string AutoProvisionField = "autoProvision";
    public const string BasePriceField = "basePrice";
    public const string OveragePriceField = "overagePrice";
    public const string CurrencyField = "currency";
    public const string AggregationField = "aggregation";
    public const string FilterPatternField = "filterPattern";
    public const string CommitUnitsField = "commitUnits";
    public const string PrecisionField = "precision";

    public static readonly string[] Fields =
    [
        KeyField, NameField, DescriptionField, AutoProvisionField, BasePriceField, OveragePriceField, CurrencyField,
        AggregationField, FilterPatternField, CommitUnitsField, PrecisionField,
    ];

    public string Key { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public bool AutoProvision { get; set; }
    public string BasePrice { get; set; } = string.Empty;
    public string OveragePrice { get; set; } = string.Empty;
    public string Currency { get; set; } = string.Empty;
    public string Aggregation { get; set; } = Aggregations.All[0];
    public string FilterPattern { get; set; } = string.Empty;
    public string CommitUnits { get; set; } = string.Empty;

    /// <summary>Blank takes the service's default (0 for the count aggregation, else 2).</summary>
    public string Precision { get; set; } = string.Empty;

    public static UnitTypeDraft From(UnitType unitType) => new()
    {
        Key = unitType.Key,
        Name = unitType.Name,
        Description = unitType.Description ?? string.Empty,
        AutoProvision = unitType.AutoProvision,
        BasePrice = FormText.Of(unitType.BasePrice),
        OveragePrice = FormText.Of(unitType.OveragePrice),
        Currency = unitType.Currency,
        Aggregation = unitType.Aggregation,
        FilterPattern = unitType.FilterPattern ?? string.Empty,
        CommitUnits = FormText.Of(unitType.CommitUnits),
        Precision = unitType.Precision.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The members to send, or null with messages in <paramref name="errors"/> when a number is not one. Blank
    /// required members go as absent so the service names them; <paramref name="clearsBlanks"/> (an edit) sends a
    /// blank description or filter pattern as "" to clear it.
    /// </summary>
    public UnitTypeFields? ToFields(FormErrors errors, bool clearsBlanks)
    {
        var basePrice = errors.ReadNumber(BasePriceField, BasePrice);
        var overagePrice = errors.ReadNumber(OveragePriceField, OveragePrice);
        var commitUnits = errors.ReadNumber(CommitUnitsField, CommitUnits);
        var precision = errors.ReadWholeNumber(PrecisionField, Precision);
        if (errors.HasLocalErrors)
        {
            return null;
        }

        return new UnitTypeFields(
            FormText.OrNull(Key),
            FormText.OrNull(Name),
            clearsBlanks ? Description.Trim() : FormText.OrNull(Description),
            AutoProvision,
            basePrice,
            overagePrice,
            FormText.OrNull(Currency)?.ToUpperInvariant(),
            Aggregation,
            clearsBlanks ? FilterPattern.Trim() : FormText.OrNull(FilterPattern),
            commitUnits,
            precision);
    }
}
