using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Components.Metering;

/// <summary>A bucket being typed into the create or edit form, as text until it is sent.</summary>
public sealed class BucketDraft
{
    // The buckets API's member names, which its validation problem uses for field errors.
    public const string ClientField = "clientId";
    public const string NameField = "name";
    public const string SourceTypeField = "sourceType";
    public const string UnitTypeField = "unitTypeId";
    public const string AggregationField = "aggregation";
    public const string CommitUnitsField = "commitUnits";
    public const string BasePriceField = "basePrice";
    public const string OveragePriceField = "overagePrice";
    public const string CurrencyField = "currency";
    public const string ReviewedField = "reviewed";
    public const string EnabledField = "enabled";

    public static readonly string[] Fields =
    [
        ClientField, NameField, SourceTypeField, UnitTypeField, AggregationField, CommitUnitsField, BasePriceField,
        OveragePriceField, CurrencyField, ReviewedField, EnabledField,
    ];

    public Guid? ClientId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string SourceType { get; set; } = string.Empty;
    public string UnitTypeId { get; set; } = string.Empty;

    /// <summary>Empty for the unit type's own (only when creating).</summary>
    public string Aggregation { get; set; } = string.Empty;

    public string CommitUnits { get; set; } = string.Empty;
    public string BasePrice { get; set; } = string.Empty;
    public string OveragePrice { get; set; } = string.Empty;

    /// <summary>Empty for the unit type's currency (only when creating; a bucket's currency does not change).</summary>
    public string Currency { get; set; } = string.Empty;

    public bool Reviewed { get; set; } = true;
    public bool Enabled { get; set; } = true;

    public static BucketDraft From(Bucket bucket) => new()
    {
        ClientId = bucket.ClientId,
        Name = bucket.Name,
        SourceType = bucket.SourceType ?? string.Empty,
        UnitTypeId = bucket.UnitTypeId.ToString(),
        Aggregation = bucket.Aggregation,
        CommitUnits = FormText.Of(bucket.CommitUnits),
        BasePrice = FormText.Of(bucket.BasePrice),
        OveragePrice = FormText.Of(bucket.OveragePrice),
        Currency = bucket.Currency,
        Reviewed = bucket.Reviewed,
        Enabled = bucket.Enabled,
    };

    /// <summary>The new bucket, or null with messages in <paramref name="errors"/> when a number is not one.
    /// Blank members go as absent: the service names the required ones and fills the rest from the unit type.</summary>
    public CreateBucketRequest? ToCreateRequest(FormErrors errors)
    {
        var (commitUnits, basePrice, overagePrice) = ReadNumbers(errors);
        if (errors.HasLocalErrors)
        {
            return null;
        }

        return new CreateBucketRequest(
            ClientId,
            FormText.OrNull(Name),
            FormText.OrNull(SourceType),
            Guid.TryParse(UnitTypeId, out var unitTypeId) ? unitTypeId : null,
            FormText.OrNull(Aggregation),
            commitUnits,
            basePrice,
            overagePrice,
            FormText.OrNull(Currency)?.ToUpperInvariant(),
            Reviewed,
            Enabled);
    }

    /// <summary>The change; a blank source type clears it, a blank number keeps the current one.</summary>
    public UpdateBucketRequest? ToUpdateRequest(FormErrors errors)
    {
        var (commitUnits, basePrice, overagePrice) = ReadNumbers(errors);
        if (errors.HasLocalErrors)
        {
            return null;
        }

        return new UpdateBucketRequest(
            Name.Trim(), SourceType.Trim(), FormText.OrNull(Aggregation), commitUnits, basePrice, overagePrice, Reviewed,
            Enabled);
    }

    private (decimal? CommitUnits, decimal? BasePrice, decimal? OveragePrice) ReadNumbers(FormErrors errors) => (
        errors.ReadNumber(CommitUnitsField, CommitUnits),
        errors.ReadNumber(BasePriceField, BasePrice),
        errors.ReadNumber(OveragePriceField, OveragePrice));
}
