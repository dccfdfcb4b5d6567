using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// The organization's users (the Team page). Changes that touch owners are checked against
/// <see cref="OwnerRules"/> while the organization row is locked, so two admins demoting the last two owners at
/// the same moment cannot both succeed. Every change is audited in its transaction.
/// </summary>
public sealed partial class UserStore(
    NpgsqlDataSource dataSource,
    IAuditTrail audit,
    IPasswordHasher<User> passwordHasher,
    TimeProvider timeProvider,
    ILogger<UserStore> logger)
{
    private const string OrganizationForeignKey = "fk_users_organization";

    public async Task<PagedResult<User>> ListAsync(Guid orgId, UserListQuery query, CancellationToken cancellationToken)
    {
        var filter = query.Search is null
            ? "org_id = @orgId"
            : "org_id = @orgId AND (display_name ILIKE @pattern OR email ILIKE @pattern)";
        var parameters = new
        {
            orgId,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM users WHERE {filter};
            SELECT {UserRow.Columns} FROM users WHERE {filter}
            ORDER BY lower(display_name), id LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<UserRow>();
        return new PagedResult<User>(rows.Select(row => row.ToUser()).ToList(), query.Page.Page, query.Page.PageSize,
            totalCount);
    }

    public async Task<User?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public async Task<DirectoryWriteResult<User>> CreateAsync(Guid orgId, NewUser newUser, bool actorIsOwner,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var user = new User(orgId, Guid.CreateVersion7(now), newUser.Email, newUser.Name, newUser.Role, Enabled: true,
            LastSignInAt: null, now, now);
        if (OwnerRules.Check(actorIsOwner, before: null, user, enabledOwners: 0) != OwnerRuleViolation.None)
        {
            return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.OwnerRoleRequired);
        }
        var passwordHash = passwordHasher.HashPassword(user, newUser.Password);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        UserRow? row;
        try
        {
            row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
                INSERT INTO users (org_id, id, email, display_name, password_hash, role, enabled, created_at, updated_at)
                VALUES (@OrgId, @Id, @Email, @Name, @passwordHash, @Role, true, @now, @now)
                ON CONFLICT (org_id, (lower(email))) DO NOTHING
                RETURNING {UserRow.Columns}
                """, new { user.OrgId, user.Id, user.Email, user.Name, user.Role, passwordHash, now },
                transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception is
        { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: OrganizationForeignKey })
        {
            return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.OrganizationNotFound);
        }
        if (row is null)
        {
            return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.DuplicateEmail);
        }

        var created = row.ToUser();
        await audit.RecordAsync(transaction, AuditActions.Create, DirectoryAudit.UsersTable, created.Id.ToString(),
            oldValues: null, DirectoryAudit.Values(created), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUserAdded(created.Id, created.Role, orgId);
        return DirectoryWriteResult<User>.Saved(created);
    }

    /// <summary>Renames, changes the role of, enables or disables a user, within the owner rules.</summary>
    public async Task<DirectoryWriteResult<User>> UpdateAsync(Guid orgId, Guid id, UserChanges changes,
        bool actorIsOwner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Organization first, then the user: one lock order for every user change, and the organization lock
        // serializes the owner count below. NO KEY UPDATE leaves inserts referencing the organization unblocked.
        var lockedOrganization = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT id FROM organizations WHERE id = @orgId FOR NO KEY UPDATE
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        if (lockedOrganization is null)
        {
            return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.NotFound);
        }
        var current = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE org_id = @orgId AND id = @id FOR UPDATE
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.NotFound);
        }
        var existing = current.ToUser();
        var changed = existing.Apply(changes);
        if (changed is null)
        {
            return DirectoryWriteResult<User>.Unchanged(existing);
        }

        var enabledOwners = existing.IsEnabledOwner
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
                SELECT count(*) FROM users WHERE org_id = @orgId AND role = @owner AND enabled
                """, new { orgId, owner = Roles.Owner }, transaction, cancellationToken: cancellationToken))
            : 0;
        switch (OwnerRules.Check(actorIsOwner, existing, changed, enabledOwners))
        {
            case OwnerRuleViolation.OwnerRoleRequired:
                return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.OwnerRoleRequired);
            case OwnerRuleViolation.LastEnabledOwner:
                return DirectoryWriteResult<User>.Failed(DirectoryWriteStatus.LastEnabledOwner);
        }

        var updated = (await connection.QuerySingleAsync<UserRow>(new CommandDefinition($"""
            UPDATE users SET display_name = @Name, role = @Role, enabled = @Enabled, updated_at = @now
            WHERE org_id = @OrgId AND id = @Id
            RETURNING {UserRow.Columns}
            """, new
        {
            changed.OrgId, changed.Id, changed.Name, changed.Role, changed.Enabled,
            now = timeProvider.GetUtcNow()
        }, transaction, cancellationToken: cancellationToken))).ToUser();
        var action = changes.Enabled switch
        {
            true => AuditActions.Enable,
            false => AuditActions.Disable,
            null => AuditActions.Update,
        };
        await audit.RecordAsync(transaction, action, DirectoryAudit.UsersTable, id.ToString(),
            DirectoryAudit.Values(existing), DirectoryAudit.Values(updated), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUserChanged(id, updated.Role, updated.Enabled, orgId);
        return DirectoryWriteResult<User>.Saved(updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} added as {Role} to organization {OrgId}")]
    private partial void LogUserAdded(Guid userId, string role, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} changed: role {Role}, enabled {Enabled}")]
    private partial void LogUserChanged(Guid userId, string role, bool enabled, Guid orgId);
}
