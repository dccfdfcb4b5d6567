using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>An organization's webhook address for one vendor, as its admins see it: never the key itself.</summary>
public sealed record WebhookEndpoint(string Vendor, string EndpointId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Who a delivery to an endpoint id is for, and the key it must be signed with.</summary>
public sealed record WebhookRecipient(Guid OrgId, string Vendor, string SigningKey);

/// <summary>
/// The <c>webhook_endpoints</c> table: per organization and vendor an unguessable endpoint id (the only thing in the
/// receiving path) and the vendor's signing key, encrypted with Data Protection (key ring in the service's database).
/// Changes are audited without the key.
/// </summary>
public sealed class WebhookEndpointStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection, IAuditTrail audit,
    TimeProvider clock)
{
    private const string AuditTable = "webhook_endpoints";
    private const string Columns = "vendor, endpoint_id AS EndpointId, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private readonly IDataProtector protector = protection.CreateProtector("BillingOne.Ingestion.WebhookKeys.v1");

    public async Task<WebhookEndpoint?> FindAsync(Guid orgId, string vendor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE org_id = @orgId AND vendor = @vendor",
            new { orgId, vendor }, cancellationToken: cancellationToken));
        return row?.ToEndpoint();
    }

    /// <summary>
    /// Sets (or rotates) the signing key, creating the endpoint on first use; <paramref name="newEndpointId"/> also
    /// replaces the endpoint id, so the old address stops working (after a leak, say).
    /// </summary>
    public async Task<WebhookEndpoint> SaveKeyAsync(Guid orgId, string vendor, string signingKey, bool newEndpointId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var previous = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE org_id = @orgId AND vendor = @vendor FOR UPDATE",
            new { orgId, vendor }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var saved = await connection.QuerySingleAsync<EndpointRow>(new CommandDefinition($"""
            INSERT INTO webhook_endpoints (org_id, vendor, endpoint_id, protected_key, created_at, updated_at)
            VALUES (@orgId, @vendor, @endpointId, @protectedKey, @now, @now)
            ON CONFLICT (org_id, vendor) DO UPDATE SET protected_key = excluded.protected_key,
                updated_at = excluded.updated_at,
                endpoint_id = CASE WHEN @newEndpointId THEN excluded.endpoint_id ELSE webhook_endpoints.endpoint_id END
            RETURNING {Columns}
            """, new
        {
            orgId,
            vendor,
            endpointId = NewEndpointId(),
            protectedKey = protector.Protect(signingKey),
            now,
            newEndpointId,
        }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, previous is null ? AuditActions.Create : AuditActions.Update, AuditTable,
            vendor, previous is null ? null : AuditValues(previous, keyRotated: false),
            AuditValues(saved, keyRotated: true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved.ToEndpoint();
    }

    /// <summary>The organization and key behind <paramref name="endpointId"/>, or null when no endpoint has that id.</summary>
    public async Task<WebhookRecipient?> FindRecipientAsync(string vendor, string endpointId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid OrgId, string? ProtectedKey)>(new CommandDefinition("""
            SELECT org_id, protected_key FROM webhook_endpoints WHERE endpoint_id = @endpointId AND vendor = @vendor
            """, new { vendor, endpointId }, cancellationToken: cancellationToken));
        return row.ProtectedKey is { } protectedKey
            ? new WebhookRecipient(row.OrgId, vendor, protector.Unprotect(protectedKey))
            : null;
    }

    /// <summary>32 random bytes, URL-safe: the address itself cannot be guessed or enumerated.</summary>
    private static string NewEndpointId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static object AuditValues(EndpointRow row, bool keyRotated) =>
        new { row.Vendor, row.EndpointId, SigningKey = keyRotated ? "(set)" : "(unchanged)" };

    private sealed record EndpointRow(string Vendor, string EndpointId, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public WebhookEndpoint ToEndpoint() =>
            new(Vendor, EndpointId, UtcInstants.From(CreatedAt), UtcInstants.From(UpdatedAt));
    }
}
