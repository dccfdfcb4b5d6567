using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.Invoice.Connectors.Xero;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace BillingOne.Invoice.Data;

public static class XeroConnectionStatus
{
    public const string Disconnected = "disconnected";
    public const string ChooseTenant = "choose-tenant";
    public const string Connected = "connected";
    public const string Expired = "expired";
}

/// <summary>An organization's Xero connection as stored; tokens stay encrypted until <see cref="XeroConnectionStore"/> needs them.</summary>
public sealed record XeroConnection(
    Guid OrgId,
    string Status,
    Guid? TenantId,
    string? TenantName,
    IReadOnlyList<XeroTenant> Tenants,
    DateTimeOffset ConnectedAt,
    string ConnectedBy,
    string? LastError,
    DateTimeOffset UpdatedAt);

/// <summary>An authorization the organization started: who, and where Xero must send the browser back.</summary>
public sealed record XeroAuthorizationState(Guid OrgId, Uri RedirectUri, AuditActor Actor, string ActorName);

/// <summary>
/// The organization's Xero authorization: the single-use state of a consent in progress, the tenants Xero listed, and
/// the tokens, encrypted with ASP.NET Core Data Protection (keys in the service's database). A token refresh holds the
/// connection's row lock from reading the refresh token to storing the rotated one, so two replicas never spend the
/// same refresh token (Xero refuses the second use for good).
/// </summary>
public sealed class XeroConnectionStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Table = "xero_connections";
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A token is refreshed this long before Xero's expiry, so it does not run out mid-request.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("BillingOne.Invoice.Xero.Tokens.v1");

    private const string Columns = """
        org_id AS OrgId, status, tenant_id AS TenantId, tenant_name AS TenantName, tenants::text AS TenantsJson,
        connected_at AS ConnectedAt, connected_by AS ConnectedBy, last_error AS LastError, updated_at AS UpdatedAt,
        protected_tokens AS ProtectedTokens
        """;

    public async Task<XeroConnection?> FindAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ConnectionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM xero_connections WHERE org_id = @orgId", new { orgId }, cancellationToken: cancellationToken));
        return row?.ToConnection();
    }

    /// <summary>A new random state for <paramref name="state"/>'s organization, valid for <see cref="StateLifetime"/>.</summary>
    public async Task<string> StartAuthorizationAsync(XeroAuthorizationState state, CancellationToken cancellationToken)
    {
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM xero_oauth_states WHERE expires_at < @now;
            INSERT INTO xero_oauth_states (nonce_hash, org_id, redirect_uri, actor_type, actor_id, api_key_id, actor_name, expires_at)
            VALUES (@hash, @OrgId, @redirectUri, @ActorType, @ActorId, @ApiKeyId, @ActorName, @expiresAt)
            """, new
        {
            now,
            hash = Hash(nonce),
            state.OrgId,
            redirectUri = state.RedirectUri.AbsoluteUri,
            state.Actor.ActorType,
            state.Actor.ActorId,
            state.Actor.ApiKeyId,
            state.ActorName,
            expiresAt = now + StateLifetime,
        }, cancellationToken: cancellationToken));
        return nonce;
    }

    /// <summary>The authorization <paramref name="nonce"/> started, used up by this call; null when unknown, used or expired.</summary>
    public async Task<XeroAuthorizationState?> TakeAuthorizationAsync(string nonce, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition("""
            DELETE FROM xero_oauth_states WHERE nonce_hash = @hash
            RETURNING org_id AS OrgId, redirect_uri AS RedirectUri, actor_type AS ActorType, actor_id AS ActorId,
                      api_key_id AS ApiKeyId, actor_name AS ActorName, expires_at AS ExpiresAt
            """, new { hash = Hash(nonce) }, cancellationToken: cancellationToken));
        return row is null || UtcInstants.From(row.ExpiresAt) < clock.GetUtcNow()
            ? null
            : new XeroAuthorizationState(row.OrgId, new Uri(row.RedirectUri),
                new AuditActor(row.OrgId, row.ActorType, row.ActorId, row.ApiKeyId), row.ActorName);
    }

    /// <summary>
    /// Stores a fresh authorization: connected when Xero listed one tenant (or the one connected before is still
    /// listed), otherwise waiting for a choice. Audited as the person who started it.
    /// </summary>
    public async Task<XeroConnection> SaveAuthorizationAsync(XeroAuthorizationState state, XeroTokens tokens,
        IReadOnlyList<XeroTenant> tenants, IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await LockAsync(connection, transaction, state.OrgId, cancellationToken);
        var kept = before?.TenantId is { } previous ? tenants.FirstOrDefault(tenant => tenant.Id == previous) : null;
        var chosen = tenants.Count == 1 ? tenants[0] : kept;
        var now = clock.GetUtcNow();
        var row = await connection.QuerySingleAsync<ConnectionRow>(new CommandDefinition($"""
            INSERT INTO xero_connections (org_id, status, tenant_id, tenant_name, tenants, protected_tokens, access_expires_at,
                connected_at, connected_by, last_error, updated_at)
            VALUES (@orgId, @status, @tenantId, @tenantName, @tenants::jsonb, @protectedTokens, @expiresAt, @now, @by, NULL, @now)
            ON CONFLICT (org_id) DO UPDATE SET status = excluded.status, tenant_id = excluded.tenant_id,
                tenant_name = excluded.tenant_name, tenants = excluded.tenants, protected_tokens = excluded.protected_tokens,
                access_expires_at = excluded.access_expires_at, connected_at = excluded.connected_at,
                connected_by = excluded.connected_by, last_error = NULL, updated_at = excluded.updated_at
            RETURNING {Columns}
            """, new
        {
            orgId = state.OrgId,
            status = chosen is null ? XeroConnectionStatus.ChooseTenant : XeroConnectionStatus.Connected,
            tenantId = chosen?.Id,
            tenantName = chosen?.Name,
            tenants = JsonSerializer.Serialize(tenants, Json),
            protectedTokens = Protect(tokens),
            expiresAt = tokens.AccessExpiresAt,
            now,
            by = state.ActorName,
        }, transaction, cancellationToken: cancellationToken));
        var saved = row.ToConnection();
        await audit.RecordAsync(transaction, state.Actor, before is null ? AuditActions.Create : AuditActions.Update, Table,
            "xero", before is null ? null : Audited(before.ToConnection()), Audited(saved), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Connects the tenant the organization chose among those Xero listed; null when there is no authorization.</summary>
    public async Task<(XeroConnection? Connection, bool Listed)> ChooseTenantAsync(Guid orgId, Guid tenantId, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await LockAsync(connection, transaction, orgId, cancellationToken);
        if (before is null || before.Status == XeroConnectionStatus.Expired)
        {
            return (before?.ToConnection(), false);
        }
        var tenant = before.ToConnection().Tenants.FirstOrDefault(candidate => candidate.Id == tenantId);
        if (tenant is null)
        {
            return (before.ToConnection(), false);
        }
        var row = await connection.QuerySingleAsync<ConnectionRow>(new CommandDefinition($"""
            UPDATE xero_connections SET status = 'connected', tenant_id = @Id, tenant_name = @Name, updated_at = @now
            WHERE org_id = @orgId RETURNING {Columns}
            """, new { orgId, tenant.Id, tenant.Name, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        var saved = row.ToConnection();
        await audit.RecordAsync(transaction, AuditActions.Update, Table, "xero", Audited(before.ToConnection()), Audited(saved),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (saved, true);
    }

    /// <summary>
    /// Forgets the connection and its tokens; <paramref name="revoke"/> gets the refresh token first, inside the
    /// row lock, so a refresh cannot rotate it meanwhile. False when there was nothing to forget.
    /// </summary>
    public async Task<bool> DisconnectAsync(Guid orgId, Func<string, Task> revoke, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await LockAsync(connection, transaction, orgId, cancellationToken);
        if (before is null)
        {
            return false;
        }
        if (Unprotect(before.ProtectedTokens) is { } tokens)
        {
            await revoke(tokens.RefreshToken);
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM xero_connections WHERE org_id = @orgId",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Delete, Table, "xero", Audited(before.ToConnection()), null,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The organization's access tokens for an API client, refreshed at <paramref name="app"/>'s identity server.</summary>
    public XeroAccessTokens TokensFor(Guid orgId, XeroApp app, XeroIdentityClient identity) =>
        (force, cancellationToken) => AccessTokenAsync(orgId, force,
            refreshToken => identity.RefreshAsync(app, refreshToken, cancellationToken), cancellationToken);

    /// <summary>
    /// A valid access token of the organization's connection, refreshed through <paramref name="refresh"/> when it
    /// expires soon (or <paramref name="force"/>): the rotated refresh token is stored in the same transaction. A
    /// refresh Xero refuses for good marks the connection expired and throws <see cref="XeroReconnectRequiredException"/>.
    /// </summary>
    public async Task<string> AccessTokenAsync(Guid orgId, bool force, Func<string, Task<XeroTokens>> refresh,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await LockAsync(connection, transaction, orgId, cancellationToken);
        if (row is null || Unprotect(row.ProtectedTokens) is not { } tokens)
        {
            throw new XeroReconnectRequiredException("Xero is not connected: connect it under Settings → Integrations.");
        }
        if (row.Status == XeroConnectionStatus.Expired)
        {
            throw new XeroReconnectRequiredException(
                "Xero's authorization has expired or was revoked: connect Xero again under Settings → Integrations.");
        }
        var now = clock.GetUtcNow();
        if (!force && tokens.AccessExpiresAt - ExpiryMargin > now)
        {
            return tokens.AccessToken;
        }
        XeroTokens renewed;
        try
        {
            renewed = await refresh(tokens.RefreshToken);
        }
        catch (XeroGrantRefusedException refused) when (refused.IsPermanent)
        {
            var message = $"Xero refused to renew the authorization ({refused.Error}): it expired or was revoked. " +
                "Connect Xero again under Settings → Integrations.";
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE xero_connections SET status = 'expired', protected_tokens = NULL, access_expires_at = NULL,
                    last_error = @message, updated_at = @now
                WHERE org_id = @orgId
                """, new { orgId, message, now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            throw new XeroReconnectRequiredException(message);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE xero_connections SET protected_tokens = @protectedTokens, access_expires_at = @expiresAt, updated_at = @now
            WHERE org_id = @orgId
            """, new { orgId, protectedTokens = Protect(renewed), expiresAt = renewed.AccessExpiresAt, now },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return renewed.AccessToken;
    }

    private static async Task<ConnectionRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId,
        CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ConnectionRow>(new CommandDefinition($"""
            SELECT {Columns} FROM xero_connections WHERE org_id = @orgId FOR UPDATE
            """, new { orgId }, transaction, cancellationToken: cancellationToken));

    private string Protect(XeroTokens tokens) => protector.Protect(JsonSerializer.Serialize(tokens, Json));

    private XeroTokens? Unprotect(string? protectedTokens) =>
        protectedTokens is null ? null : JsonSerializer.Deserialize<XeroTokens>(protector.Unprotect(protectedTokens), Json);

    private static string Hash(string nonce) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static object Audited(XeroConnection connection) => new
    {
        connection.Status,
        connection.TenantId,
        connection.TenantName,
        tenants = connection.Tenants.Select(tenant => tenant.Name),
        connection.ConnectedBy,
    };

    private sealed record ConnectionRow(Guid OrgId, string Status, Guid? TenantId, string? TenantName, string TenantsJson,
        DateTime ConnectedAt, string ConnectedBy, string? LastError, DateTime UpdatedAt, string? ProtectedTokens)
    {
        public XeroConnection ToConnection() => new(OrgId, Status, TenantId, TenantName,
            JsonSerializer.Deserialize<List<XeroTenant>>(TenantsJson, Json) ?? [], UtcInstants.From(ConnectedAt), ConnectedBy,
            LastError, UtcInstants.From(UpdatedAt));
    }

    private sealed record StateRow(Guid OrgId, string RedirectUri, string ActorType, Guid ActorId, Guid? ApiKeyId,
        string ActorName, DateTime ExpiresAt);
}
