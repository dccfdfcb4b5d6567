using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// The <c>organizations</c> read copy: what metering uses of identity's organization settings (the billing grace days),
/// as <see cref="OrganizationChanged"/> announces them (docs/domain.md, "Organization settings").
/// </summary>
public sealed class OrganizationCopyStore
{
    /// <summary>
    /// Stores the announced settings unless the copy already holds that version or a newer one (events may arrive out
    /// of order). Returns whether the row changed.
    /// </summary>
    public async Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, OrganizationChanged organization,
        CancellationToken cancellationToken)
    {
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO organizations (org_id, billing_grace_days, version)
            VALUES (@OrgId, @BillingGraceDays, @Version)
            ON CONFLICT (org_id) DO UPDATE
            SET billing_grace_days = excluded.billing_grace_days, version = excluded.version
            WHERE organizations.version < excluded.version
            """, new { organization.OrgId, organization.BillingGraceDays, organization.Version },
            transaction, cancellationToken: cancellationToken));
        return changed == 1;
    }
}
