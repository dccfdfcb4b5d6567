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
    public override Guid OrgIdOf(ClientBillingFinalized message) => message.OrgId;

    public override async Task ApplyAsync(NpgsqlTransaction transaction, ClientBillingFinalized message,
        CancellationToken cancellationToken)
    {
        var adjustments = message.Lines.Where(line => line.Kind == ClientBillingFinalized.AdjustmentLine).ToList();
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
}
