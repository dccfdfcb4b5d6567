using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>One bell entry as its user sees it.</summary>
public sealed record NotificationRow(
    Guid Id,
    string Event,
    string Title,
    string Body,
    Guid? ClientId,
    string Link,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ReadAt);

/// <summary>
/// Records notifications (in the consumer's transaction: each person's bell entry and the mails to send commit
/// together with the inbox record) and answers the bell: a user's entries, newest first, within the session's client
/// scope.
/// </summary>
public sealed class NotificationStore(TimeProvider clock)
{
    /// <summary>
    /// Tells whom the organization's rules choose about <paramref name="message"/>. With a <paramref name="triggerKey"/>
    /// the message is news only the first time the key is seen (until <see cref="ForgetTriggerAsync"/>); returns how
    /// many people were told.
    /// </summary>
    public async Task<int> RecordAsync(NpgsqlTransaction transaction, NotificationMessage message, string? triggerKey,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = clock.GetUtcNow();
        if (triggerKey is not null && await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notification_triggers (org_id, key, created_at) VALUES (@OrgId, @triggerKey, @now)
                ON CONFLICT DO NOTHING
                """, new { message.OrgId, triggerKey, now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return 0;
        }
        var rules = await NotificationRuleStore.SavedAsync(connection, transaction, message.OrgId, cancellationToken);
        var members = await NotificationRuleStore.MembersAsync(connection, transaction, message.OrgId, cancellationToken);
        var deliveries = NotificationRecipients.Decide(message.Event, rules, members);
        var inApp = deliveries.Where(delivery => delivery.InApp).Select(delivery => delivery.Member.Id).ToArray();
        var mails = deliveries.Where(delivery => delivery.Email).Select(delivery => delivery.Member).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications (org_id, id, user_id, event, title, body, client_id, link, occurred_at, created_at)
            SELECT @OrgId, gen_random_uuid(), user_id, @Event, @Title, @Body, @ClientId, @Link, @OccurredAt, @now
            FROM unnest(@inApp) AS user_id
            """, new
        {
            message.OrgId, message.Event, message.Title, message.Body, message.ClientId, message.Link,
            message.OccurredAt, now, inApp
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_mails (org_id, id, to_address, to_name, subject, body, status, next_attempt_at, created_at)
            SELECT @OrgId, gen_random_uuid(), to_address, to_name, @subject, @Body, 'pending', @now, @now
            FROM unnest(@addresses, @names) AS mail (to_address, to_name)
            """, new
        {
            message.OrgId, subject = $"BillingOne: {message.Title}", message.Body, now,
            addresses = mails.Select(member => member.Email).ToArray(), names = mails.Select(member => member.Name).ToArray()
        },
            transaction, cancellationToken: cancellationToken));
        return deliveries.Count;
    }

    /// <summary>A bell entry for one user about their own account, whatever the organization's rules say.</summary>
    public static Task RecordForUserAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId, string notificationEvent,
        string title, string body, string link, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications (org_id, id, user_id, event, title, body, client_id, link, occurred_at, created_at)
            VALUES (@orgId, gen_random_uuid(), @userId, @notificationEvent, @title, @body, NULL, @link, @now, @now)
            """, new { orgId, userId, notificationEvent, title, body, link, now }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>The state behind <paramref name="triggerKey"/> ended: its next beginning is news again.</summary>
    public static Task ForgetTriggerAsync(NpgsqlTransaction transaction, Guid orgId, string triggerKey,
        CancellationToken cancellationToken) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
        "DELETE FROM notification_triggers WHERE org_id = @orgId AND key = @triggerKey",
        new { orgId, triggerKey }, transaction, cancellationToken: cancellationToken));
}

/// <summary>The bell of one user: entries within the session's client scope (all of them when unscoped).</summary>
public sealed class NotificationInbox(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Visible = """
        org_id = @orgId AND user_id = @userId AND (@clientScope::uuid IS NULL OR client_id = @clientScope::uuid)
        """;

    public async Task<(PagedResult<NotificationRow> Page, long Unread)> ListAsync(Guid orgId, Guid userId,
        Guid? clientScope, bool unreadOnly, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { orgId, userId, clientScope, unreadOnly, page.PageSize, page.Offset };
        var rows = (await connection.QueryAsync<StoredNotification>(new CommandDefinition($"""
            SELECT id, event, title, body, client_id AS ClientId, link, occurred_at AS OccurredAt, read_at AS ReadAt
            FROM notifications WHERE {Visible} AND (NOT @unreadOnly OR read_at IS NULL)
            ORDER BY created_at DESC, id DESC LIMIT @PageSize OFFSET @Offset
            """, parameters, cancellationToken: cancellationToken))).Select(row => row.ToRow()).ToList();
        var (total, unread) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition($"""
            SELECT count(*) FILTER (WHERE NOT @unreadOnly OR read_at IS NULL), count(*) FILTER (WHERE read_at IS NULL)
            FROM notifications WHERE {Visible}
            """, parameters, cancellationToken: cancellationToken));
        return (new PagedResult<NotificationRow>(rows, page.Page, page.PageSize, total), unread);
    }

    public async Task<long> CountUnreadAsync(Guid orgId, Guid userId, Guid? clientScope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM notifications WHERE {Visible} AND read_at IS NULL",
            new { orgId, userId, clientScope }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks one entry (<paramref name="id"/>) or every visible one (null) read; false when the entry is not visible.</summary>
    public async Task<bool> MarkReadAsync(Guid orgId, Guid userId, Guid? clientScope, Guid? id,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { orgId, userId, clientScope, id, now = clock.GetUtcNow() };
        if (id is not null && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT NOT EXISTS (SELECT 1 FROM notifications WHERE {Visible} AND id = @id)", parameters,
                cancellationToken: cancellationToken)))
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE notifications SET read_at = @now
            WHERE {Visible} AND read_at IS NULL AND (@id::uuid IS NULL OR id = @id::uuid)
            """, parameters, cancellationToken: cancellationToken));
        return true;
    }

    /// <summary>A row as Npgsql reads it (timestamptz as a UTC DateTime).</summary>
    private sealed record StoredNotification(Guid Id, string Event, string Title, string Body, Guid? ClientId,
        string Link, DateTime OccurredAt, DateTime? ReadAt)
    {
        public NotificationRow ToRow() => new(Id, Event, Title, Body, ClientId, Link, UtcInstants.From(OccurredAt),
            UtcInstants.From(ReadAt));
    }
}
