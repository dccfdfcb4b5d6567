using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>A notification mail waiting to be sent.</summary>
public sealed record PendingMail(Guid OrgId, Guid Id, string ToAddress, string ToName, string Subject, string Body,
    int Attempts);

/// <summary>
/// The queue of notification mails: claimed in batches with a lease (several replicas send different ones), then
/// marked sent, or failed with the error and the next try (<see cref="MailRetry"/>).
/// </summary>
public sealed class NotificationMailStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>How long a claimed mail is left to its sender before another replica may take it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<PendingMail>> ClaimDueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. await connection.QueryAsync<PendingMail>(new CommandDefinition("""
            UPDATE notification_mails m SET next_attempt_at = @leasedUntil
            FROM (SELECT org_id, id FROM notification_mails
                  WHERE status = 'pending' AND next_attempt_at <= @now
                  ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
            WHERE m.org_id = due.org_id AND m.id = due.id
            RETURNING m.org_id AS OrgId, m.id, m.to_address AS ToAddress, m.to_name AS ToName, m.subject, m.body,
                      m.attempts
            """, new { now, leasedUntil = now + Lease, limit }, cancellationToken: cancellationToken))];
    }

    public async Task MarkSentAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_mails SET status = 'sent', sent_at = @now, attempts = attempts + 1, next_attempt_at = NULL
            WHERE org_id = @orgId AND id = @id
            """, new { orgId, id, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a failed try; returns whether the mail is given up.</summary>
    public async Task<bool> MarkFailedAsync(PendingMail mail, string error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = MailRetry.NextAttempt(mail.Attempts + 1, now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_mails
            SET status = @status, attempts = attempts + 1, next_attempt_at = @next, last_error = @error
            WHERE org_id = @OrgId AND id = @Id
            """, new { mail.OrgId, mail.Id, status = next is null ? "failed" : "pending", next, error },
            cancellationToken: cancellationToken));
        return next is null;
    }
}
