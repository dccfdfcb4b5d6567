using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>The answer to a decision: the opportunity as it now is, or why it could not be taken (null row: not found).</summary>
public sealed record MissedBillingDecisionResult(MissedBillingRow? Row, string? Refusal);

/// <summary>
/// People's decisions about missed-billing opportunities: dismissed (with a reason), billed or reopened, audited, and the
/// client's open total recomputed and announced in the same transaction.
/// </summary>
public sealed class MissedBillingStore(NpgsqlDataSource dataSource, ReconciliationQueries queries,
    ClientReconciler reconciler, TimeProvider clock)
{
    public const string AuditTable = "missed_billing";

    public async Task<MissedBillingDecisionResult> DecideAsync(Guid orgId, Guid? clientScope, Guid id,
        MissedBillingDecision decision, string? reason, string decidedBy, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ReconciliationStore.LockAsync(transaction, orgId, cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition("""
            SELECT state, dismiss_reason AS DismissReason, gap_open AS GapOpen FROM missed_billing
            WHERE org_id = @orgId AND id = @id AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            FOR UPDATE
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return new MissedBillingDecisionResult(null, null);
        }
        if (MissedBillingDecisions.NextState(current.State, current.GapOpen, decision, out var refusal) is not { } next)
        {
            return new MissedBillingDecisionResult(null, refusal);
        }
        var dismissReason = next == MissedBillingStates.Dismissed ? reason : null;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE missed_billing SET state = @next, dismiss_reason = @dismissReason, state_changed_at = @now,
                state_changed_by = @decidedBy
            WHERE org_id = @orgId AND id = @id
            """, new { orgId, id, next, dismissReason, now = clock.GetUtcNow(), decidedBy }, transaction,
            cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, decision.ToString().ToLowerInvariant(), AuditTable, id.ToString(),
            new { state = current.State, dismissReason = current.DismissReason }, new { state = next, dismissReason },
            cancellationToken);
        await reconciler.RecomputeAsync(transaction, orgId, cancellationToken);
        var row = await queries.FindMissedBillingAsync(connection, transaction, orgId, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MissedBillingDecisionResult(row, null);
    }

    private sealed record CurrentRow(string State, string? DismissReason, bool GapOpen);
}
