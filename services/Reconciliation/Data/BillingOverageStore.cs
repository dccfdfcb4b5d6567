using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>
/// The <c>billing_overages</c> read copy: per client, bucket and billed month, the overage finalized for it (the month's
/// reading plus the adjustments booked in that month, which its invoice carries).
/// </summary>
public sealed class BillingOverageStore
{
    /// <summary>
    /// Replaces the client's rows of the month in the event's currency, unless a finalization at least as recent is
    /// stored; whether it did.
    /// </summary>
    public async Task<bool> ReplaceIfNewerAsync(NpgsqlTransaction transaction, ClientBillingFinalized finalized,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var key = new
        {
            finalized.OrgId,
            finalized.ClientId,
            finalized.Year,
            finalized.Month,
            finalized.Currency,
            FinalizedAt = finalized.FinalizedAt.ToUniversalTime(),
        };
        var newer = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM billing_overages
                WHERE org_id = @OrgId AND client_id = @ClientId AND period_year = @Year AND period_month = @Month
                  AND currency = @Currency AND finalized_at >= @FinalizedAt)
            """, key, transaction, cancellationToken: cancellationToken));
        if (newer)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM billing_overages
            WHERE org_id = @OrgId AND client_id = @ClientId AND period_year = @Year AND period_month = @Month
              AND currency = @Currency
            """, key, transaction, cancellationToken: cancellationToken));
        var buckets = finalized.Lines.GroupBy(line => line.BucketId).Select(bucket =>
        {
            var reading = bucket.FirstOrDefault(line => line.Kind == "reading");
            return new
            {
                finalized.OrgId,
                finalized.ClientId,
                finalized.Year,
                finalized.Month,
                BucketId = bucket.Key,
                BucketName = (reading ?? bucket.First()).BucketName,
                finalized.Currency,
                Overage = bucket.Sum(line => line.Overage),
                reading?.Usage,
                reading?.CommitUnits,
                key.FinalizedAt,
            };
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing_overages (org_id, client_id, period_year, period_month, bucket_id, bucket_name, currency,
                overage, usage, commit_units, finalized_at)
            VALUES (@OrgId, @ClientId, @Year, @Month, @BucketId, @BucketName, @Currency, @Overage, @Usage, @CommitUnits,
                @FinalizedAt)
            """, buckets, transaction, cancellationToken: cancellationToken));
        return true;
    }
}
