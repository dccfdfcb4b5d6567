using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>A saved billing bucket of one organization.</summary>
/// <param name="AutoProvisioned">Created by auto-provisioning from its unit type rather than by a person.</param>
public sealed record Bucket(Guid OrgId, Guid Id, BucketDefinition Definition, bool AutoProvisioned,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A client's commitment on one unit type: <see cref="BasePrice"/> buys <see cref="CommitUnits"/> units per period,
/// each unit above them costs <see cref="OveragePrice"/>. Client, unit type and currency are fixed once created.
/// </summary>
/// <param name="SourceType">Asset source the bucket meters; null takes every source.</param>
/// <param name="Reviewed">Auto-provisioned buckets start unreviewed until a person checks their terms.</param>
public sealed record BucketDefinition(
    Guid ClientId,
    string Name,
    string? SourceType,
    Guid UnitTypeId,
    Aggregation Aggregation,
    decimal CommitUnits,
    decimal BasePrice,
    decimal OveragePrice,
    string Currency,
    bool Reviewed,
    bool Enabled)
{
    public BucketPricing Pricing => new(new Money(BasePrice, Currency), CommitUnits, new Money(OveragePrice, Currency));

    /// <summary>
    /// What auto-provisioning creates for a client from a unit type template: the template's terms under the unit
    /// type's name, every source, unreviewed.
    /// </summary>
    public static BucketDefinition FromTemplate(Guid clientId, Guid unitTypeId, UnitTypeDefinition template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new BucketDefinition(clientId, template.Name, null, unitTypeId, template.Aggregation,
            template.CommitUnits, template.BasePrice, template.OveragePrice, template.Currency, Reviewed: false,
            Enabled: true);
    }
}
