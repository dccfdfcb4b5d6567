using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Serializes what changes one organization's month of billing lines: a run writing its drafts and the month's
/// finalization. Held to the end of the transaction, so a run can never write drafts into a month finalized meanwhile.
/// </summary>
internal static class BillingPeriodLock
{
    public static Task AcquireAsync(NpgsqlTransaction transaction, Guid orgId, BillingMonth month,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('metering:billing-period:' || @key, 0))",
            new { key = $"{orgId}:{month}" }, transaction, cancellationToken: cancellationToken));

    /// <summary>A month is finalized once any of its lines is final: runs no longer touch it.</summary>
    public static Task<bool> IsFinalizedAsync(NpgsqlTransaction transaction, Guid orgId, BillingMonth month,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM billing_readings
                           WHERE org_id = @orgId AND period_year = @Year AND period_month = @Month
                             AND status = 'final')
            """, new { orgId, month.Year, month.Month }, transaction, cancellationToken: cancellationToken));
}

/// <summary>How the database spells billing line kinds.</summary>
public static class BillingLineKinds
{
    public const string Reading = "reading";
    public const string Adjustment = "adjustment";
}
