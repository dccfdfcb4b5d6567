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
    IReadOnlyList<FinalizedBillingLine> Lines) : IIntegrationEvent
{
    public const string ReadingLine = "reading";
    public const string AdjustmentLine = "adjustment";

    public IReadOnlyList<string> Validate() => new EventProblems(nameof(ClientBillingFinalized))
        .Require(OrgId != Guid.Empty && ClientId != Guid.Empty, "must carry an organization id and a client id.")
        .Require(EventProblems.IsMonth(Year, Month), $"has period {Year}-{Month}, not a calendar month.")
        .Require(EventProblems.IsCurrencyCode(Currency), $"has currency '{Currency}', not an ISO 4217 code.")
        .Require(Lines is { Count: > 0 } && Lines.All(line => line.BucketId != Guid.Empty
                && !string.IsNullOrWhiteSpace(line.BucketName) && line.Kind is ReadingLine or AdjustmentLine),
            "has no lines, or a line without a bucket or whose kind is neither reading nor adjustment.")
        .Require(Lines is null || Lines.All(line => line.Kind != AdjustmentLine || CorrectsEarlierMonth(line)),
            "has an adjustment that does not name an earlier month as the one it corrects.")
        .ToList();

    private bool CorrectsEarlierMonth(FinalizedBillingLine line) =>
        line is { OriginalYear: { } year, OriginalMonth: { } month } && EventProblems.IsMonth(year, month)
        && (year, month).CompareTo((Year, Month)) < 0;
}

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
