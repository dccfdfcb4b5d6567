using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Reads and writes the <c>asset_assignment_rules</c> of one organization at a time. Every change writes its audit
/// entries in the transaction of the change.
/// </summary>
public sealed partial class AssignmentRuleStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<AssignmentRuleStore> logger)
{
    private const string AuditTable = "asset_assignment_rules";

    /// <summary>Rules (alias <c>r</c>) with their client's name, as <see cref="AssignmentRuleRow"/> reads them.</summary>
    internal const string SelectRules = """
        SELECT r.id AS Id, r.pattern AS Pattern, r.target AS Target, r.client_id AS ClientId, c.name AS ClientName,
               r.created_at AS CreatedAt
        FROM asset_assignment_rules r
        LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
        """;

    /// <summary>
    /// Saves the rule and assigns every unassigned asset it matches to its client, auditing the rule and each asset and
    /// announcing each asset's new client.
    /// Null when metering does not know the client.
    /// </summary>
    public async Task<AssignmentRule?> CreateAsync(Guid orgId, Guid actorId, AssignmentRuleDefinition definition,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var clientName = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            SELECT name FROM clients WHERE org_id = @orgId AND client_id = @ClientId
            """, new { orgId, definition.ClientId }, transaction, cancellationToken: cancellationToken));
        if (clientName is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var createdAt = await connection.QuerySingleAsync<DateTime>(new CommandDefinition("""
            INSERT INTO asset_assignment_rules (org_id, id, pattern, target, client_id, created_at, created_by)
            VALUES (@orgId, @id, @Pattern, @target, @ClientId, @now, @actorId)
            RETURNING created_at
            """, new
        {
            orgId, id, definition.Pattern, target = definition.Target.ToApiName(), definition.ClientId, now,
            actorId
        }, transaction, cancellationToken: cancellationToken));

        var parameters = new DynamicParameters(new { orgId, now });
        parameters.AddDynamicParams(AssignmentRuleMatching.From([(id, definition)]));
        var assigned = (await connection.QueryAsync<AssetStateRow>(new CommandDefinition($"""
            UPDATE assets a SET client_id = rule.client_id, assigned_by = '{AssignedBy.Rule}', updated_at = @now
            FROM {AssignmentRuleMatching.Unnest} AS rule{AssignmentRuleMatching.UnnestColumns}
            WHERE a.org_id = @orgId AND a.client_id IS NULL AND {AssignmentRuleMatching.Matches("rule", "a")}
            RETURNING {AssetStateRow.Columns}
            """, parameters, transaction, cancellationToken: cancellationToken))).ToList();

        await audit.RecordAsync(transaction, AuditActions.Create, AuditTable, id.ToString(), null,
            new
            {
                definition.Pattern, Target = definition.Target.ToApiName(), definition.ClientId,
                AssignedAssets = assigned.Count,
            }, cancellationToken);
        foreach (var asset in assigned)
        {
            var state = asset.ToState();
            await audit.RecordAsync(transaction, AssetChange.AssignAction, AssetStateRow.AuditTable, asset.Id.ToString(),
                state with { ClientId = null, AssignedBy = null }, state, cancellationToken);
        }
        await outbox.EnqueueAllAsync(transaction,
            assigned.Select(asset => asset.ClientChanged(orgId, asset.ClientId, now)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRuleCreated(id, definition.Pattern, assigned.Count, orgId);
        return new AssignmentRule(id, definition, clientName, new DateTimeOffset(createdAt, TimeSpan.Zero), assigned.Count);
    }

    /// <summary>
    /// A page of rules, oldest first (the order they are applied in); a client-scoped caller sees only its client's.
    /// </summary>
    public async Task<PagedResult<AssignmentRule>> ListAsync(Guid orgId, Guid? clientScope, PageRequest page,
        CancellationToken cancellationToken)
    {
        const string filter = "r.org_id = @orgId AND (@clientScope::uuid IS NULL OR r.client_id = @clientScope)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long totalCount;
        List<AssignmentRuleRow> rows;
        await using (var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM asset_assignment_rules r WHERE {filter};
            {SelectRules} WHERE {filter} ORDER BY r.created_at, r.id LIMIT @limit OFFSET @offset;
            """, new { orgId, clientScope, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken)))
        {
            totalCount = await results.ReadSingleAsync<long>();
            rows = (await results.ReadAsync<AssignmentRuleRow>()).ToList();
        }

        var parameters = new DynamicParameters(new { orgId });
        parameters.AddDynamicParams(AssignmentRuleMatching.From(rows.Select(row => (row.Id, row.ToDefinition())).ToList()));
        var assignedCounts = (await connection.QueryAsync<(Guid RuleId, int Assets)>(new CommandDefinition($"""
            SELECT rule.rule_id, count(a.id)::int
            FROM {AssignmentRuleMatching.Unnest} AS rule{AssignmentRuleMatching.UnnestColumns}
            LEFT JOIN assets a ON a.org_id = @orgId AND a.client_id = rule.client_id
                               AND a.assigned_by = '{AssignedBy.Rule}' AND {AssignmentRuleMatching.Matches("rule", "a")}
            GROUP BY rule.rule_id
            """, parameters, cancellationToken: cancellationToken)))
            .ToDictionary(count => count.RuleId, count => count.Assets);

        return new PagedResult<AssignmentRule>(
            rows.Select(row => row.ToRule(assignedCounts.GetValueOrDefault(row.Id))).ToList(), page.Page, page.PageSize,
            totalCount);
    }

    /// <summary>
    /// Deletes the rule (assets it assigned keep their client); false when the organization has none with this id.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.QuerySingleOrDefaultAsync<AssignmentRuleRow>(new CommandDefinition("""
            DELETE FROM asset_assignment_rules WHERE org_id = @orgId AND id = @id
            RETURNING id AS Id, pattern AS Pattern, target AS Target, client_id AS ClientId, NULL::text AS ClientName,
                      created_at AS CreatedAt
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        if (deleted is null)
        {
            return false;
        }
        await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, id.ToString(),
            new { deleted.Pattern, deleted.Target, deleted.ClientId }, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRuleDeleted(id, orgId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Assignment rule {RuleId} ({Pattern}) created in organization {OrgId}; " +
            "it assigned {AssignedAssets} assets")]
    private partial void LogRuleCreated(Guid ruleId, string pattern, int assignedAssets, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assignment rule {RuleId} deleted in organization {OrgId}")]
    private partial void LogRuleDeleted(Guid ruleId, Guid orgId);
}

/// <summary>A row of <see cref="AssignmentRuleStore.SelectRules"/>.</summary>
internal sealed record AssignmentRuleRow(Guid Id, string Pattern, string Target, Guid ClientId, string? ClientName,
    DateTime CreatedAt)
{
    public AssignmentRuleDefinition ToDefinition() =>
        new(Pattern, AssignmentTargets.Parse(Target) ?? throw new FormatException($"Unknown rule target '{Target}'."),
            ClientId);

    public AssignmentRule ToRule(int assignedAssets) =>
        new(Id, ToDefinition(), ClientName, new DateTimeOffset(CreatedAt, TimeSpan.Zero), assignedAssets);
}
