using BillingOne.BuildingBlocks.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Identity.Tests;

/// <summary>
/// Issue #33: bell entries older than 90 days and sent or given-up mails older than 30 days go with the service's one
/// retention purge (<see cref="RetentionPurgeWorker"/>, the defaults of <c>Notifications:Retention</c>); recent ones and
/// mails still waiting to be sent stay.
/// </summary>
[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationRetentionTests(DirectoryFixture fixture)
{
    [Fact]
    public async Task Old_notifications_and_finished_mails_are_purged_and_recent_or_pending_ones_stay()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        await using var connection = fixture.OpenDatabase();
        await NotificationAsync(connection, orgId, now.AddDays(-91));
        var recentEntry = await NotificationAsync(connection, orgId, now.AddDays(-89));
        await MailAsync(connection, orgId, "sent", createdAt: now.AddDays(-40), sentAt: now.AddDays(-31));
        var recentlySent = await MailAsync(connection, orgId, "sent", createdAt: now.AddDays(-40), sentAt: now.AddDays(-29));
        await MailAsync(connection, orgId, "failed", createdAt: now.AddDays(-31), sentAt: null);
        var recentlyFailed = await MailAsync(connection, orgId, "failed", createdAt: now.AddDays(-2), sentAt: null);
        var oldPending = await MailAsync(connection, orgId, "pending", createdAt: now.AddDays(-365), sentAt: null);

        var outcomes = await fixture.Services.GetRequiredService<RetentionPurgeWorker>().PurgeAllAsync(CancellationToken.None);

        outcomes.Select(outcome => outcome.Name).ShouldContain("notifications");
        outcomes.Select(outcome => outcome.Name).ShouldContain("notification-mails");
        (await connection.QueryAsync<Guid>("SELECT id FROM notifications WHERE org_id = @orgId", new { orgId }))
            .ShouldBe([recentEntry], ignoreOrder: true);
        (await connection.QueryAsync<Guid>("SELECT id FROM notification_mails WHERE org_id = @orgId", new { orgId }))
            .ShouldBe([recentlySent, recentlyFailed, oldPending], ignoreOrder: true);
    }

    private static async Task<Guid> NotificationAsync(Npgsql.NpgsqlConnection connection, Guid orgId, DateTimeOffset createdAt)
    {
        var id = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO notifications (org_id, id, user_id, event, title, body, client_id, link, occurred_at, created_at)
            VALUES (@orgId, @id, @userId, 'sync-failed', 'Sync failed: Pax8', 'The Pax8 sync failed.', NULL,
                    'settings/integrations', @createdAt, @createdAt)
            """, new { orgId, id, userId = Guid.NewGuid(), createdAt });
        return id;
    }

    private static async Task<Guid> MailAsync(Npgsql.NpgsqlConnection connection, Guid orgId, string status,
        DateTimeOffset createdAt, DateTimeOffset? sentAt)
    {
        var id = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO notification_mails (org_id, id, to_address, to_name, subject, body, status, attempts,
                                            next_attempt_at, created_at, sent_at)
            VALUES (@orgId, @id, 'someone@msp.example.com', 'Someone', 'BillingOne: Sync failed: Pax8', 'The Pax8 sync failed.',
                    @status, 1, @nextAttemptAt, @createdAt, @sentAt)
            """, new { orgId, id, status, nextAttemptAt = status == "pending" ? createdAt.AddYears(5) : (DateTimeOffset?)null, createdAt, sentAt });
        return id;
    }
}
