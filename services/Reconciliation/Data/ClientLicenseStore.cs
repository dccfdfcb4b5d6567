using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>The <c>client_licenses</c> read copy: each client's licence figures as the subscription service last computed them.</summary>
public sealed class ClientLicenseStore
{
    /// <summary>Stores the figures unless the copy holds that version or a newer one; whether it did.</summary>
    public async Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientLicensesChanged licenses,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_licenses (org_id, client_id, version, computed_at, currency, active_subscriptions,
                device_licenses, user_licenses, device_license_unit_price, products)
            VALUES (@OrgId, @ClientId, @Version, @ComputedAt, @Currency, @ActiveSubscriptions, @DeviceLicenses,
                @UserLicenses, @DeviceLicenseUnitPrice, @Products::jsonb)
            ON CONFLICT (org_id, client_id) DO UPDATE SET version = excluded.version, computed_at = excluded.computed_at,
                currency = excluded.currency, active_subscriptions = excluded.active_subscriptions,
                device_licenses = excluded.device_licenses, user_licenses = excluded.user_licenses,
                device_license_unit_price = excluded.device_license_unit_price, products = excluded.products
            WHERE client_licenses.version < excluded.version
            """, new
        {
            licenses.OrgId,
            licenses.ClientId,
            licenses.Version,
            ComputedAt = licenses.ComputedAt.ToUniversalTime(),
            licenses.Currency,
            licenses.ActiveSubscriptions,
            licenses.DeviceLicenses,
            licenses.UserLicenses,
            licenses.DeviceLicenseUnitPrice,
            Products = licenses.Products is null ? null : ProductLines.Serialize(licenses.Products),
        }, transaction, cancellationToken: cancellationToken)) == 1;
}
