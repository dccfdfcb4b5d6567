using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A client's finalized month in one currency. Its adjustment lines are kept, booked on the month (metering invoices
/// them with it), for the figures of what each month billed (<see cref="FinalBucketLines"/>); its reading lines need no
/// copy, as each arrives as its bucket's final <see cref="BucketUsageObserved"/>. A removed bucket's adjustments are not
/// stored. The consumer also announces the month on the partner watch stream, which a rebuild does not repeat.
/// </summary>
public sealed class ClientBillingFinalizedApplier : EventApplier<ClientBillingFinalized>
{
    private const string Reading = "reading";
    private const string Adjustment = "adjustment";

    public override Guid OrgIdOf(ClientBillingFinalized message) => message.OrgId;

    public override void Validate(ClientBillingFinalized message)
    {
        Require(message.OrgId != Guid.Empty && message.ClientId != Guid.Empty,
            "must carry an organization id and a client id.");
        Require(message.Year is >= 2000 and <= 9999 && message.Month is >= 1 and <= 12,
            $"has period {message.Year}-{message.Month}, not a calendar month.");
        Require(IsCurrencyCode(message.Currency), $"has currency '{message.Currency}', not an ISO 4217 code.");
        Require(message.Lines is not null && message.Lines.All(line => line.BucketId != Guid.Empty
            && !string.IsNullOrWhiteSpace(line.BucketName) && line.Kind is Reading or Adjustment),
            "has a line without a bucket or whose kind is neither reading nor adjustment.");
        Require(message.Lines!.All(line => line.Kind != Adjustment || CorrectsEarlierMonth(message, line)),
            "has an adjustment that does not name an earlier month as the one it corrects.");
    }

    public override async Task ApplyAsync(NpgsqlTransaction transaction, ClientBillingFinalized message,
        CancellationToken cancellationToken)
    {
        var adjustments = message.Lines.Where(line => line.Kind == Adjustment).ToList();
        if (adjustments.Count == 0)
        {
            return;
        }
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing_adjustments (org_id, bucket_id, year, month, original_year, original_month, currency,
                usage, commit_units, base, overage)
            SELECT @OrgId, l.bucket_id, @Year, @Month, l.original_year, l.original_month, @Currency, l.usage,
                   l.commit_units, l.base, l.overage
            FROM unnest(@bucketIds, @originalYears, @originalMonths, @usages, @commits, @bases, @overages)
                AS l(bucket_id, original_year, original_month, usage, commit_units, base, overage)
            WHERE NOT EXISTS (SELECT 1 FROM removed_buckets r WHERE r.org_id = @OrgId AND r.bucket_id = l.bucket_id)
            ON CONFLICT (org_id, bucket_id, year, month, original_year, original_month) DO NOTHING
            """, new
        {
            message.OrgId, message.Year, message.Month, message.Currency,
            bucketIds = adjustments.Select(line => line.BucketId).ToArray(),
            originalYears = adjustments.Select(line => line.OriginalYear!.Value).ToArray(),
            originalMonths = adjustments.Select(line => line.OriginalMonth!.Value).ToArray(),
            usages = adjustments.Select(line => line.Usage).ToArray(),
            commits = adjustments.Select(line => line.CommitUnits).ToArray(),
            bases = adjustments.Select(line => line.Base).ToArray(),
            overages = adjustments.Select(line => line.Overage).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    private static bool CorrectsEarlierMonth(ClientBillingFinalized message, FinalizedBillingLine line) =>
        line is { OriginalYear: >= 2000, OriginalMonth: >= 1 and <= 12 }
        && (line.OriginalYear.Value, line.OriginalMonth.Value).CompareTo((message.Year, message.Month)) < 0;
}
