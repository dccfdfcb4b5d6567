using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// Reads and changes the settings of one organization; every change is audited and announced as
/// <see cref="OrganizationChanged"/> in its transaction (docs/domain.md, "Organization settings").
/// </summary>
public sealed partial class OrganizationStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<OrganizationStore> logger)
{
    private const string Columns = """
        id AS Id, name AS Name, time_zone AS TimeZone, currency AS Currency, billing_grace_days AS BillingGraceDays,
        version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt, require_two_factor AS RequireTwoFactor
        """;

    public async Task<Organization?> FindAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrganizationRow>(new CommandDefinition($"""
            SELECT {Columns} FROM organizations WHERE id = @orgId
            """, new { orgId }, cancellationToken: cancellationToken));
        return row?.ToOrganization();
    }

    public async Task<DirectoryWriteResult<Organization>> UpdateAsync(Guid orgId, OrganizationChanges changes,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<OrganizationRow>(new CommandDefinition($"""
            SELECT {Columns} FROM organizations WHERE id = @orgId FOR NO KEY UPDATE
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return DirectoryWriteResult<Organization>.Failed(DirectoryWriteStatus.OrganizationNotFound);
        }
        var existing = current.ToOrganization();
        var changed = existing.Apply(changes);
        if (changed is null)
        {
            return DirectoryWriteResult<Organization>.Unchanged(existing);
        }

        var row = await connection.QuerySingleAsync<OrganizationRow>(new CommandDefinition($"""
            UPDATE organizations
            SET name = @Name, time_zone = @TimeZone, currency = @Currency, billing_grace_days = @BillingGraceDays,
                require_two_factor = @RequireTwoFactor, version = version + 1, announced_version = version + 1, updated_at = @now
            WHERE id = @Id
            RETURNING {Columns}
            """, new
        {
            changed.Id, changed.Name, changed.TimeZone, changed.Currency, changed.BillingGraceDays, changed.RequireTwoFactor,
            now = timeProvider.GetUtcNow()
        }, transaction, cancellationToken: cancellationToken));
        var updated = row.ToOrganization();
        await audit.RecordAsync(transaction, AuditActions.Update, DirectoryAudit.OrganizationsTable, orgId.ToString(),
            DirectoryAudit.Values(existing), DirectoryAudit.Values(updated), cancellationToken);
        await outbox.EnqueueAsync(transaction, Announcement(updated, row.Version), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSettingsChanged(orgId);
        return DirectoryWriteResult<Organization>.Saved(updated);
    }

    /// <summary>
    /// Puts <see cref="OrganizationChanged"/> in the outbox for every organization whose settings no event has carried
    /// yet (created since, or from before the event existed), at most <paramref name="limit"/> a pass.
    /// </summary>
    /// <returns>How many were announced.</returns>
    public async Task<int> AnnounceUnannouncedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OrganizationRow>(new CommandDefinition($"""
            SELECT {Columns} FROM organizations WHERE announced_version < version
            ORDER BY id LIMIT @limit FOR NO KEY UPDATE SKIP LOCKED
            """, new { limit }, transaction, cancellationToken: cancellationToken))).AsList();
        foreach (var row in rows)
        {
            await outbox.EnqueueAsync(transaction, Announcement(row.ToOrganization(), row.Version), cancellationToken);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE organizations SET announced_version = version WHERE id = ANY(@ids)",
            new { ids = rows.Select(row => row.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static OrganizationChanged Announcement(Organization organization, long version) => new(organization.Id,
        organization.Name, organization.TimeZone, organization.Currency, organization.BillingGraceDays, version,
        organization.UpdatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings of organization {OrgId} changed")]
    private partial void LogSettingsChanged(Guid orgId);

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    private sealed record OrganizationRow(Guid Id, string Name, string TimeZone, string Currency, int BillingGraceDays,
        long Version, DateTime CreatedAt, DateTime UpdatedAt, bool RequireTwoFactor)
    {
        public Organization ToOrganization() => new(Id, Name, TimeZone, Currency, BillingGraceDays,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero), RequireTwoFactor);
    }
}
