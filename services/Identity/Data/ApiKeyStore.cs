using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>The organization's API keys: only their SHA-256 hash and visible prefix are stored.</summary>
public sealed partial class ApiKeyStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, TimeProvider timeProvider, ILogger<ApiKeyStore> logger)
{
    private const string OrganizationForeignKey = "fk_api_keys_organization";
    private const string ClientForeignKey = "fk_api_keys_client";

    private const string Columns = """
        org_id AS OrgId, id AS Id, name AS Name, prefix AS Prefix, role AS Role, client_id AS ClientId,
        (SELECT c.name FROM clients c WHERE c.org_id = api_keys.org_id AND c.id = api_keys.client_id) AS ClientName,
        enabled AS Enabled, revoked_at AS RevokedAt, created_at AS CreatedAt, last_used_at AS LastUsedAt
        """;

    /// <summary>Newest first, revoked keys included (they stay listed as revoked).</summary>
    public async Task<PagedResult<ApiKey>> ListAsync(Guid orgId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM api_keys WHERE org_id = @orgId;
            SELECT {Columns} FROM api_keys WHERE org_id = @orgId
            ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset;
            """, new { orgId, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<ApiKeyRow>();
        return new PagedResult<ApiKey>(rows.Select(row => row.ToApiKey()).ToList(), page.Page, page.PageSize,
            totalCount);
    }

    public async Task<ApiKey?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {Columns} FROM api_keys WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToApiKey();
    }

    /// <summary>
    /// The key a caller presents, found by its hash across all organizations: the key itself is what tells the
    /// organization. Null when no key has that hash.
    /// </summary>
    public async Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {Columns} FROM api_keys WHERE key_hash = @keyHash
            """, new { keyHash }, cancellationToken: cancellationToken));
        return row?.ToApiKey();
    }

    /// <summary>Stores a new enabled key for <paramref name="secret"/>; the secret itself is not stored.</summary>
    public async Task<DirectoryWriteResult<ApiKey>> CreateAsync(Guid orgId, NewApiKey newKey, ApiKeySecret secret,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ApiKeyRow row;
        try
        {
            row = await connection.QuerySingleAsync<ApiKeyRow>(new CommandDefinition($"""
                INSERT INTO api_keys (org_id, id, name, prefix, key_hash, role, client_id, enabled, created_at)
                VALUES (@orgId, @id, @Name, @prefix, @hash, @Role, @ClientId, true, @now)
                RETURNING {Columns}
                """, new
            {
                orgId, id = Guid.CreateVersion7(now), newKey.Name, prefix = secret.Prefix,
                hash = secret.Hash, newKey.Role, newKey.ClientId, now
            },
                transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The foreign key on (org_id, client_id) is what proves the client is this organization's own.
            return exception.ConstraintName switch
            {
                ClientForeignKey => DirectoryWriteResult<ApiKey>.Failed(DirectoryWriteStatus.UnknownClient),
                OrganizationForeignKey => DirectoryWriteResult<ApiKey>.Failed(DirectoryWriteStatus.OrganizationNotFound),
                _ => throw new InvalidOperationException($"Unexpected foreign key '{exception.ConstraintName}'.", exception),
            };
        }

        var created = row.ToApiKey();
        await audit.RecordAsync(transaction, AuditActions.Create, DirectoryAudit.ApiKeysTable, created.Id.ToString(),
            oldValues: null, DirectoryAudit.Values(created), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogKeyCreated(created.Id, created.Prefix, created.Role, orgId);
        return DirectoryWriteResult<ApiKey>.Saved(created);
    }

    /// <summary>Enables, disables or revokes a key. Repeating an action changes nothing; a revoked key can only be revoked.</summary>
    public async Task<DirectoryWriteResult<ApiKey>> ApplyAsync(Guid orgId, Guid id, ApiKeyAction action,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {Columns} FROM api_keys WHERE org_id = @orgId AND id = @id FOR UPDATE
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return DirectoryWriteResult<ApiKey>.Failed(DirectoryWriteStatus.NotFound);
        }
        var existing = current.ToApiKey();
        if (!existing.Allows(action))
        {
            return DirectoryWriteResult<ApiKey>.Failed(DirectoryWriteStatus.KeyRevoked);
        }
        var changed = existing.Apply(action, timeProvider.GetUtcNow());
        if (changed is null)
        {
            return DirectoryWriteResult<ApiKey>.Unchanged(existing);
        }

        var updated = (await connection.QuerySingleAsync<ApiKeyRow>(new CommandDefinition($"""
            UPDATE api_keys SET enabled = @Enabled, revoked_at = @RevokedAt
            WHERE org_id = @OrgId AND id = @Id
            RETURNING {Columns}
            """, new { changed.OrgId, changed.Id, changed.Enabled, changed.RevokedAt }, transaction,
            cancellationToken: cancellationToken))).ToApiKey();
        var auditAction = action switch
        {
            ApiKeyAction.Enable => AuditActions.Enable,
            ApiKeyAction.Disable => AuditActions.Disable,
            _ => AuditActions.Revoke,
        };
        await audit.RecordAsync(transaction, auditAction, DirectoryAudit.ApiKeysTable, id.ToString(),
            DirectoryAudit.Values(existing), DirectoryAudit.Values(updated), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogKeyChanged(id, auditAction, orgId);
        return DirectoryWriteResult<ApiKey>.Saved(updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Prefix}) created with role {Role} in organization {OrgId}")]
    private partial void LogKeyCreated(Guid keyId, string prefix, string role, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of organization {OrgId}: {Action}")]
    private partial void LogKeyChanged(Guid keyId, string action, Guid orgId);

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    private sealed record ApiKeyRow(Guid OrgId, Guid Id, string Name, string Prefix, string Role, Guid? ClientId,
        string? ClientName, bool Enabled, DateTime? RevokedAt, DateTime CreatedAt, DateTime? LastUsedAt)
    {
        public ApiKey ToApiKey() => new(OrgId, Id, Name, Prefix, Role, ClientId, ClientName, Enabled, Utc(RevokedAt),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), Utc(LastUsedAt));

        private static DateTimeOffset? Utc(DateTime? value) =>
            value is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }
}
