using BillingOne.BuildingBlocks.Auditing;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>An organization the backfill announced, and how many invoices it had.</summary>
public sealed record BackfilledOrganization(Guid OrgId, int Invoices);

/// <summary>
/// Announces every stored invoice of an organization once more (InvoiceUpserted through the outbox, a new version
/// each) so that the read copies elsewhere catch up: when an owner or admin asks, and once for each organization of
/// <c>invoice_republish_backlog</c> (invoices stored before they were announced).
/// </summary>
public sealed class InvoiceRepublication(NpgsqlDataSource dataSource, InvoiceEvents events)
{
    /// <summary>Invoices bumped and announced per round trip: a large ledger is many small statements, one transaction.</summary>
    public const int BatchSize = 500;

    private const string AuditTable = "invoices";

    /// <summary>Announces the organization's invoices, audited as the request's caller; how many.</summary>
    public async Task<int> RepublishAsync(Guid orgId, IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var announced = await AnnounceAsync(transaction, orgId, audit, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return announced;
    }

    /// <summary>
    /// Announces the invoices of the next organization of the backlog and takes it off in the same transaction, so an
    /// organization is announced exactly once across restarts; null when the backlog is empty. Replicas skip an
    /// organization another one is announcing.
    /// </summary>
    public async Task<BackfilledOrganization?> BackfillNextAsync(IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var orgId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT org_id FROM invoice_republish_backlog ORDER BY queued_at, org_id LIMIT 1 FOR UPDATE SKIP LOCKED
            """, transaction: transaction, cancellationToken: cancellationToken));
        if (orgId is not { } due)
        {
            return null;
        }
        var announced = await AnnounceAsync(transaction, due, audit, AuditActor.Service(due), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM invoice_republish_backlog WHERE org_id = @due", new { due }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new BackfilledOrganization(due, announced);
    }

    /// <summary>Announces and audits, as <paramref name="actor"/> (the request's caller when null).</summary>
    private async Task<int> AnnounceAsync(NpgsqlTransaction transaction, Guid orgId, IAuditTrail audit, AuditActor? actor,
        CancellationToken cancellationToken)
    {
        var announced = await events.EnqueueAllAsync(transaction, orgId, BatchSize, cancellationToken);
        var values = new { invoices = announced };
        await (actor is null
            ? audit.RecordAsync(transaction, AuditActions.Republish, AuditTable, orgId.ToString(), null, values,
                cancellationToken)
            : audit.RecordAsync(transaction, actor, AuditActions.Republish, AuditTable, orgId.ToString(), null, values,
                cancellationToken));
        return announced;
    }
}
