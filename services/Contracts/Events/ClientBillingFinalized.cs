namespace BillingOne.Contracts.Events;

/// <summary>
/// One client's final billing lines of a month in one currency, published with <see cref="BillingPeriodFinalized"/>
/// (one message per client and currency): what the invoice service turns into one draft invoice with a line per bucket.
/// </summary>
/// <param name="Amount">Sum of the lines' costs, each already rounded to the currency's minor units.</param>
public sealed record ClientBillingFinalized(
    Guid OrgId,
    Guid ClientId,
    int Year,
    int Month,
    string Currency,
    DateTimeOffset FinalizedAt,
    decimal Amount,
    IReadOnlyList<FinalizedBillingLine> Lines);

/// <summary>A bucket's final line: its reading of the month, or an adjustment of an earlier finalized month.</summary>
/// <param name="BillingType">The bucket's unit type key (e.g. <c>workstation</c>), which maps to a revenue account.</param>
/// <param name="Kind"><c>reading</c> or <c>adjustment</c> (then <see cref="OriginalYear"/>/<see cref="OriginalMonth"/> name the corrected month).</param>
/// <param name="Base">The commit's price charged for the month.</param>
/// <param name="Overage">What usage above the commit costs: <see cref="Cost"/> − <see cref="Base"/>.</param>
public sealed record FinalizedBillingLine(
    Guid BucketId,
    string BucketName,
    string BillingType,
    string Kind,
    decimal Usage,
    decimal CommitUnits,
    decimal Base,
    decimal Overage,
    decimal Cost,
    int? OriginalYear,
    int? OriginalMonth);
