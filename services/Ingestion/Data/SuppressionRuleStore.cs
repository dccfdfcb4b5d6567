using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Ingestion.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>A stored suppression rule with who made it and how often it has dropped a reading.</summary>
public sealed record StoredSuppressionRule(
    SuppressionRule Rule, Guid CreatedBy, long SuppressedCount, DateTimeOffset? LastSuppressedAt);

/// <summary>
/// Reads and writes the <c>suppression_rules</c> table of one organization at a time. Every change is audited in
/// its own transaction, so the audit entry exists exactly when the change does.
/// </summary>
public sealed partial class SuppressionRuleStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, ILogger<SuppressionRuleStore> logger)
{
    private const string AuditTable = "suppression_rules";

    private const string Columns = """
        id AS Id, pattern AS Pattern, pattern_type AS PatternType, target AS Target, reason AS Reason,
        created_at AS CreatedAt, created_by AS CreatedBy, suppressed_count AS SuppressedCount,
        last_suppressed_at AS LastSuppressedAt
        """;

    /// <summary>
    /// Stores a new rule; null when the organization already has <see cref="SuppressionRule.MaxPerOrganization"/>.
    /// </summary>
    public async Task<StoredSuppressionRule?> CreateAsync(Guid orgId, Guid createdBy, SuppressionRule rule,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Creations in one organization take turns, so concurrent ones cannot both pass the count; the count is a
        // statement of its own so that it sees what the previous turn committed.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('suppression_rules:' || @orgId::text, 0))",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM suppression_rules WHERE org_id = @orgId",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        if (existing >= SuppressionRule.MaxPerOrganization)
        {
            return null;
        }
        var row = await connection.QuerySingleAsync<RuleRow>(new CommandDefinition($"""
            INSERT INTO suppression_rules (org_id, id, pattern, pattern_type, target, reason, created_at, created_by)
            VALUES (@orgId, @id, @pattern, @patternType, @target, @reason, @createdAt, @createdBy)
            RETURNING {Columns}
            """, new
        {
            orgId,
            id = rule.Id,
            pattern = rule.Pattern,
            patternType = rule.Type.Name(),
            target = rule.Target.Name(),
            reason = rule.Reason,
            createdAt = rule.CreatedAt,
            createdBy,
        }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Create, AuditTable, rule.Id.ToString(), null,
            AuditValues(row), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRuleCreated(rule.Id, orgId);
        return row.ToStored();
    }

    /// <summary>The organization's rules, oldest first (the order the matcher applies them in).</summary>
    public async Task<PagedResult<StoredSuppressionRule>> ListAsync(Guid orgId, PageRequest page,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM suppression_rules WHERE org_id = @orgId;
            SELECT {Columns} FROM suppression_rules WHERE org_id = @orgId
            ORDER BY created_at, id LIMIT @limit OFFSET @offset;
            """, new { orgId, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<RuleRow>();
        return new PagedResult<StoredSuppressionRule>(rows.Select(row => row.ToStored()).ToList(), page.Page,
            page.PageSize, totalCount);
    }

    /// <summary>Every rule of the organization, as the matcher of one ingest call needs them.</summary>
    public async Task<IReadOnlyList<SuppressionRule>> AllAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleRow>(new CommandDefinition(
            $"SELECT {Columns} FROM suppression_rules WHERE org_id = @orgId",
            new { orgId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToStored().Rule).ToList();
    }

    /// <summary>
    /// Adds what each rule dropped in one ingest call to its counters, in that call's transaction; a rule deleted
    /// meanwhile is simply not counted. Rows are locked in id order first, so concurrent calls cannot deadlock on them.
    /// </summary>
    public async Task CountSuppressedAsync(NpgsqlTransaction transaction, Guid orgId,
        IReadOnlyDictionary<Guid, int> suppressedByRule, DateTimeOffset suppressedAt, CancellationToken cancellationToken)
    {
        if (suppressedByRule.Count == 0)
        {
            return;
        }
        var hits = suppressedByRule.OrderBy(hit => hit.Key).ToList();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            SELECT FROM suppression_rules WHERE org_id = @orgId AND id = ANY(@ruleIds) ORDER BY id FOR UPDATE;
            UPDATE suppression_rules AS rule
            SET suppressed_count = rule.suppressed_count + hit.count,
                last_suppressed_at = GREATEST(rule.last_suppressed_at, @suppressedAt)
            FROM unnest(@ruleIds, @counts) AS hit(id, count)
            WHERE rule.org_id = @orgId AND rule.id = hit.id
            """, new
        {
            orgId,
            ruleIds = hits.Select(hit => hit.Key).ToArray(),
            counts = hits.Select(hit => (long)hit.Value).ToArray(),
            suppressedAt = suppressedAt.ToUniversalTime(),
        }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<StoredSuppressionRule?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition($"""
            SELECT {Columns} FROM suppression_rules WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    /// <summary>Deletes the rule; false when the organization has no rule with that id.</summary>
    public async Task<bool> DeleteAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition($"""
            DELETE FROM suppression_rules WHERE org_id = @orgId AND id = @id RETURNING {Columns}
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        if (deleted is null)
        {
            return false;
        }
        await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, id.ToString(), AuditValues(deleted),
            null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRuleDeleted(id, orgId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Suppression rule {RuleId} created in organization {OrgId}")]
    private partial void LogRuleCreated(Guid ruleId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suppression rule {RuleId} deleted in organization {OrgId}")]
    private partial void LogRuleDeleted(Guid ruleId, Guid orgId);

    private static object AuditValues(RuleRow row) => new
    {
        row.Pattern,
        Type = row.PatternType,
        row.Target,
        row.Reason,
        row.SuppressedCount,
    };

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    private sealed record RuleRow(Guid Id, string Pattern, string PatternType, string Target, string? Reason,
        DateTime CreatedAt, Guid CreatedBy, long SuppressedCount, DateTime? LastSuppressedAt)
    {
        public StoredSuppressionRule ToStored()
        {
            // Stored rules were validated when created, so this only fails on a corrupt row.
            var rule = SuppressionRule.Create(Id, Pattern,
                SuppressionRuleNames.ParsePatternType(PatternType) ?? (SuppressionPatternType)(-1),
                SuppressionRuleNames.ParseTarget(Target) ?? (SuppressionTarget)(-1),
                Reason, new DateTimeOffset(CreatedAt, TimeSpan.Zero), out var error, SuppressionRule.LegacyMatchTimeout)
                ?? throw new InvalidOperationException($"Stored suppression rule {Id} is not valid: {error}");
            return new StoredSuppressionRule(rule, CreatedBy, SuppressedCount,
                LastSuppressedAt is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : null);
        }
    }
}
