using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A client's MRR, active subscriptions, device and user licences, its MRR history and its subscription lines (when the
/// publisher sends them). The row may come before the client's ClientUpserted: it then waits, unnamed and unshown, for it.
/// </summary>
public sealed class ClientLicensesChangedApplier : EventApplier<ClientLicensesChanged>
{
    public override Guid OrgIdOf(ClientLicensesChanged message) => message.OrgId;

    public override async Task ApplyAsync(NpgsqlTransaction transaction, ClientLicensesChanged figures,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var applied = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_billing_snapshots (org_id, client_id, name, enabled, time_zone, client_version, mrr_amount,
                mrr_currency, subscription_count, user_license_count, licenses_version, updated_at)
            VALUES (@OrgId, @ClientId, '', false, '', 0, @MrrAmount, @Currency, @ActiveSubscriptions, @UserLicenses,
                @Version, @ComputedAt)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET mrr_amount = excluded.mrr_amount, mrr_currency = excluded.mrr_currency,
                subscription_count = excluded.subscription_count, user_license_count = excluded.user_license_count, licenses_version = excluded.licenses_version,
                updated_at = greatest(client_billing_snapshots.updated_at, excluded.updated_at)
            WHERE client_billing_snapshots.licenses_version < excluded.licenses_version
            """, new
        {
            figures.OrgId, figures.ClientId, figures.MrrAmount, figures.Currency, figures.ActiveSubscriptions,
            figures.UserLicenses, figures.Version, figures.ComputedAt,
        }, transaction, cancellationToken: cancellationToken));
        if (applied == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM client_mrr_history WHERE org_id = @OrgId AND client_id = @ClientId;
            INSERT INTO client_mrr_history (org_id, client_id, year, month, amount, currency)
            SELECT @OrgId, @ClientId, listed.year, listed.month, listed.amount, @Currency
            FROM unnest(@years, @months, @amounts) AS listed(year, month, amount)
            ON CONFLICT (org_id, client_id, year, month) DO UPDATE SET amount = excluded.amount
            """, new
        {
            figures.OrgId,
            figures.ClientId,
            figures.Currency,
            years = figures.MrrHistory.Select(month => month.Year).ToArray(),
            months = figures.MrrHistory.Select(month => month.Month).ToArray(),
            amounts = figures.MrrHistory.Select(month => month.Amount).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        // A publisher from before the list leaves the lines as the last event that had them.
        if (figures.Subscriptions is not { } lines)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM client_subscriptions WHERE org_id = @OrgId AND client_id = @ClientId;
            INSERT INTO client_subscriptions (org_id, client_id, {SubscriptionLineCopies.Columns})
            SELECT @OrgId, @ClientId, listed.* FROM {SubscriptionLineCopies.Listed}
            ON CONFLICT (org_id, client_id, subscription_id) DO NOTHING
            """, SubscriptionLineCopies.Parameters(figures.OrgId, figures.ClientId, lines), transaction,
            cancellationToken: cancellationToken));
    }
}
