using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Domain.Webhooks;
using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

public static class WebhookReceiptStatus
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string IntentToReceive = "intent-to-receive";

    /// <summary>The same bytes were received before: nothing was stored again.</summary>
    public const string Replayed = "replayed";
}

/// <summary>What became of a delivery: its receipt (null for a replay) and its status.</summary>
public sealed record WebhookReceipt(Guid? ReceiptId, string Status, int NewChanges);

/// <summary>
/// Stores a verified delivery and, in the same transaction, the <see cref="VendorChangeNotified"/> for the changes no
/// earlier delivery named: the sync happens after the vendor has its answer, and exactly when the receipt exists.
/// </summary>
public sealed class WebhookReceiptStore(NpgsqlDataSource dataSource, IOutbox outbox)
{
    public async Task<WebhookReceipt> RecordAsync(Guid orgId, string vendor, ReadOnlyMemory<byte> body,
        IReadOnlyList<NotifiedChange> changes, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var receiptId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO webhook_receipts (org_id, id, vendor, dedupe_key, body, received_at, status)
            VALUES (@orgId, @id, @vendor, @dedupeKey, @body, @receivedAt, @status)
            ON CONFLICT (org_id, vendor, dedupe_key) DO NOTHING
            RETURNING id
            """, new
        {
            orgId,
            id = Guid.CreateVersion7(receivedAt),
            vendor,
            dedupeKey = WebhookSignatures.BodyHash(body.Span),
            body = body.ToArray(),
            receivedAt,
            status = changes.Count == 0 ? WebhookReceiptStatus.IntentToReceive : WebhookReceiptStatus.Accepted,
        }, transaction, cancellationToken: cancellationToken));
        if (receiptId is not { } id)
        {
            await transaction.CommitAsync(cancellationToken);
            return new WebhookReceipt(null, WebhookReceiptStatus.Replayed, 0);
        }
        if (changes.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new WebhookReceipt(id, WebhookReceiptStatus.IntentToReceive, 0);
        }
        var byKey = changes.DistinctBy(change => change.DedupeKey).ToDictionary(change => change.DedupeKey);
        var fresh = (await connection.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO webhook_events (org_id, vendor, dedupe_key, receipt_id)
            SELECT @orgId, @vendor, key, @id FROM unnest(@keys) AS key
            ON CONFLICT (org_id, vendor, dedupe_key) DO NOTHING
            RETURNING dedupe_key
            """, new { orgId, vendor, id, keys = byKey.Keys.ToArray() }, transaction,
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (fresh.Count == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_receipts SET status = @status WHERE org_id = @orgId AND id = @id",
                new { orgId, id, status = WebhookReceiptStatus.Duplicate }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new WebhookReceipt(id, WebhookReceiptStatus.Duplicate, 0);
        }
        // In the vendor's order, each change once.
        var notified = changes.Where(change => fresh.Remove(change.DedupeKey)).Select(change => change.Change).ToList();
        await outbox.EnqueueAsync(transaction, new VendorChangeNotified(orgId, vendor, id, receivedAt, notified),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WebhookReceipt(id, WebhookReceiptStatus.Accepted, notified.Count);
    }

    /// <summary>
    /// Deletes up to <paramref name="batch"/> receipts (all organizations) received before <paramref name="cutoff"/>,
    /// with the per-event dedupe rows they carried; the number deleted. Vendors stop redelivering within a day, so a
    /// month-old dedupe row guards nothing.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            WITH expired AS (
                SELECT org_id, id FROM webhook_receipts WHERE received_at < @cutoff
                ORDER BY received_at LIMIT @batch FOR UPDATE SKIP LOCKED
            ), events AS (
                DELETE FROM webhook_events e USING expired x WHERE e.org_id = x.org_id AND e.receipt_id = x.id
            )
            DELETE FROM webhook_receipts r USING expired x WHERE r.org_id = x.org_id AND r.id = x.id
            """, new { cutoff, batch }, cancellationToken: cancellationToken));
    }
}
