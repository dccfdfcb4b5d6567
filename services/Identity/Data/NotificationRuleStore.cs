using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>The organization's notification rules (Settings → Email notifications, In-app notifications); changes are audited.</summary>
public sealed class NotificationRuleStore(NpgsqlDataSource dataSource, IAuditTrail audit, TimeProvider clock)
{
    public const string RulesTable = "notification_rules";

    /// <summary>The rules of one channel, one per event (defaults where none was saved), and the users they can name.</summary>
    public async Task<(IReadOnlyList<NotificationRule> Rules, IReadOnlyList<NotificationMember> Members)> GetAsync(
        Guid orgId, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var saved = await SavedAsync(connection, null, orgId, cancellationToken);
        return (NotificationRule.Complete(channel, saved), await MembersAsync(connection, null, orgId, cancellationToken));
    }

    /// <summary>
    /// Replaces the channel's rules of the events given. Returns the index of the first rule naming a user who is not
    /// the organization's, or null once saved.
    /// </summary>
    public async Task<int?> SaveAsync(Guid orgId, string channel, IReadOnlyList<NotificationRule> rules,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var members = (await MembersAsync(connection, transaction, orgId, cancellationToken)).Select(member => member.Id).ToHashSet();
        var unknown = rules.Select((rule, index) => (rule, index))
            .FirstOrDefault(pair => pair.rule.UserIds.Any(id => !members.Contains(id)));
        if (unknown.rule is not null)
        {
            return unknown.index;
        }
        var before = NotificationRule.Complete(channel, await SavedAsync(connection, transaction, orgId, cancellationToken));
        foreach (var rule in rules)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notification_rules (org_id, event, channel, enabled, roles, user_ids, updated_at)
                VALUES (@orgId, @Event, @channel, @Enabled, @roles, @userIds, @now)
                ON CONFLICT (org_id, event, channel) DO UPDATE
                SET enabled = EXCLUDED.enabled, roles = EXCLUDED.roles, user_ids = EXCLUDED.user_ids,
                    updated_at = EXCLUDED.updated_at
                """, new
            {
                orgId, rule.Event, channel, rule.Enabled, roles = rule.Roles.ToArray(),
                userIds = rule.UserIds.ToArray(), now = clock.GetUtcNow()
            }, transaction, cancellationToken: cancellationToken));
        }
        await audit.RecordAsync(transaction, AuditActions.Update, RulesTable, $"{orgId}:{channel}", before,
            NotificationRule.Complete(channel, await SavedAsync(connection, transaction, orgId, cancellationToken)),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Every rule the organization saved, of both channels.</summary>
    internal static async Task<IReadOnlyList<NotificationRule>> SavedAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction, Guid orgId, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(string Event, string Channel, bool Enabled, string[] Roles, Guid[] UserIds)>(
                new CommandDefinition("""
                    SELECT event, channel, enabled, roles, user_ids FROM notification_rules WHERE org_id = @orgId
                    """, new { orgId }, transaction, cancellationToken: cancellationToken)))
            .Select(row => new NotificationRule(row.Event, row.Channel, row.Enabled, row.Roles, row.UserIds))];

    /// <summary>The organization's users, by name.</summary>
    internal static async Task<IReadOnlyList<NotificationMember>> MembersAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction, Guid orgId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<NotificationMember>(new CommandDefinition("""
            SELECT id, email, display_name AS Name, role, enabled FROM users WHERE org_id = @orgId
            ORDER BY lower(display_name), id
            """, new { orgId }, transaction, cancellationToken: cancellationToken))];
}
