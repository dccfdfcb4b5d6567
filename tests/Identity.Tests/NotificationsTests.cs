using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Identity.Tests;

/// <summary>
/// Events become bell entries and mails: the mail goes through a real SMTP server (<see cref="SmtpSink"/>) with the
/// organization's own settings, and a server that refuses it costs neither the bell entry nor the mail.
/// </summary>
[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationsTests(DirectoryFixture fixture)
{
    private const string SmtpPassword = "smtp-secret-do-not-store";

    [Fact]
    public async Task A_failed_sync_reaches_the_bell_and_arrives_as_a_mail_through_the_organizations_smtp_server()
    {
        await using var sink = new SmtpSink();
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        (await admin.PutAsJsonAsync("/api/identity/organization/smtp", new
        {
            host = "127.0.0.1", port = sink.Port, tlsMode = "none", userName = (string?)null, fromAddress = "billing@msp.example.com",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await fixture.Services.GetRequiredService<IBus>().Publish(new SyncFailed(orgId, Guid.NewGuid(), "pax8",
            "The sync failed and applied nothing: the vendor answered 401 Unauthorized", DateTimeOffset.UtcNow, "Pax8"));

        var mail = (await Eventually.ReturnsAsync(() => Task.FromResult(sink.Messages.SingleOrDefault(message =>
            message.To.Mailboxes.Any(to => to.Address == owner.Email))), message => message is not null,
            "the notification mail at the SMTP server"))!;
        mail.Subject.ShouldBe("BillingOne: Sync failed: Pax8");
        var body = mail.TextBody.ShouldNotBeNull();
        body.ShouldContain("The Pax8 sync failed");
        body.ShouldContain("401 Unauthorized");
        mail.From.Mailboxes.Single().Address.ShouldBe("billing@msp.example.com");

        var bell = await (await admin.GetAsync("/api/identity/me/notifications")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        bell.GetProperty("unread").GetInt64().ShouldBe(1);
        var entry = bell.GetProperty("items").EnumerateArray().Single();
        entry.GetProperty("event").GetString().ShouldBe("sync-failed");
        entry.GetProperty("title").GetString().ShouldBe("Sync failed: Pax8");

        (await admin.PostAsync("/api/identity/me/notifications/read-all", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await admin.GetAsync("/api/identity/me/notifications/unread-count")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("unread").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_refusing_server_keeps_the_bell_entry_and_the_mail_for_a_later_try()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        await using (var closed = new SmtpSink())
        {
            // The port is free again once the sink is gone: nothing answers there.
            (await admin.PutAsJsonAsync("/api/identity/organization/smtp", new
            {
                host = "127.0.0.1", port = closed.Port, tlsMode = "none", userName = "mailer", password = SmtpPassword,
                fromAddress = "billing@msp.example.com",
            })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await fixture.Services.GetRequiredService<IBus>().Publish(new BillingPeriodFinalized(orgId, 2026, 3,
            DateTimeOffset.UtcNow, [new ClientBillingTotal(Guid.NewGuid(), "AUD", 10m, 1)]));

        await Eventually.AssertAsync(async () =>
        {
            await using var connection = fixture.OpenDatabase();
            var mail = await connection.QuerySingleOrDefaultAsync<(string Status, int Attempts, string? LastError)>(
                "SELECT status, attempts, last_error FROM notification_mails WHERE org_id = @orgId", new { orgId });
            mail.Status.ShouldBe("pending");
            mail.Attempts.ShouldBeGreaterThanOrEqualTo(1);
            mail.LastError.ShouldNotBeNullOrWhiteSpace();
        });
        (await (await admin.GetAsync("/api/identity/me/notifications/unread-count")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("unread").GetInt64().ShouldBe(1);
        await using var database = fixture.OpenDatabase();
        (await database.ExecuteScalarAsync<string>("SELECT protected_password FROM smtp_settings WHERE org_id = @orgId", new { orgId }))
            .ShouldNotBeNull().ShouldNotContain(SmtpPassword, Case.Sensitive, "the password is stored encrypted");
        var shown = await (await admin.GetAsync("/api/identity/organization/smtp")).Content.ReadAsStringAsync();
        shown.ShouldNotContain(SmtpPassword);
        shown.ShouldContain("\"passwordSet\":true");
    }

    [Fact]
    public async Task An_under_licensed_client_is_news_once_and_only_within_its_client_scope()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        var clientId = await fixture.KnownClientAsync(orgId, "Acme Dental");
        var otherClient = Guid.NewGuid();
        var bus = fixture.Services.GetRequiredService<IBus>();
        foreach (var version in new[] { 1L, 2L })
        {
            await bus.Publish(Reconciled(orgId, clientId, version));
        }
        await bus.Publish(Reconciled(orgId, otherClient, 1));
        using var unscoped = fixture.ClientFor(orgId, Roles.Owner, owner.Id);

        await Eventually.AssertAsync(async () =>
            (await (await unscoped.GetAsync("/api/identity/me/notifications")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK))
                .GetProperty("totalCount").GetInt64().ShouldBe(2));
        using var scoped = fixture.ClientForSession(orgId, Roles.Owner, owner.Id, Guid.NewGuid(), clientId);
        var seen = await (await scoped.GetAsync("/api/identity/me/notifications")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        var entry = seen.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("title").GetString().ShouldBe("Under-licensed client found: Acme Dental");
        (await scoped.PostAsync($"/api/identity/me/notifications/{Guid.NewGuid()}/read", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_settings_answer_400_naming_each_field()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Owner, owner.Id);

        var smtp = (await (await admin.PutAsJsonAsync("/api/identity/organization/smtp", new
        {
            host = "not a host", port = 0, tlsMode = "ssl", fromAddress = "nobody",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors();
        smtp.Keys.ShouldBe(["host", "port", "tlsMode", "fromAddress"], ignoreOrder: true);

        var rules = (await (await admin.PutAsJsonAsync("/api/identity/organization/notifications/email", new
        {
            rules = new object[]
            {
                new { @event = "nothing-happened", enabled = true },
                new { @event = "sync-failed", enabled = true, roles = new[] { "boss" } },
                new { @event = "period-finalized", roles = Array.Empty<string>() },
            },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors();
        rules.Keys.ShouldBe(["rules[0].event", "rules[1].roles", "rules[2].enabled"], ignoreOrder: true);

        var stranger = (await (await admin.PutAsJsonAsync("/api/identity/organization/notifications/in-app", new
        {
            rules = new[] { new { @event = "sync-failed", enabled = true, userIds = new[] { Guid.NewGuid() } } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors();
        stranger.Keys.ShouldBe(["rules[0].userIds"]);

        (await admin.PutAsync("/api/identity/organization/smtp", new StringContent("{\"port\":\"many\"}",
            System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rules_saved_for_a_channel_decide_who_is_told()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        var finance = await UsersApiTests.CreateUserAsync(admin, UsersApiTests.UniqueEmail("finance"), Roles.Finance, "Finn");

        var saved = await (await admin.PutAsJsonAsync("/api/identity/organization/notifications/in-app", new
        {
            rules = new[] { new { @event = "billing-run-finished", enabled = true, roles = Array.Empty<string>(), userIds = new[] { finance.Id } } },
        })).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        saved.GetProperty("rules").EnumerateArray().Select(rule => rule.GetProperty("event").GetString())
            .ShouldBe(["sync-failed", "new-overages", "under-licensed-clients", "billing-run-finished", "period-finalized"]);

        await fixture.Services.GetRequiredService<IBus>().Publish(new BillingRunCompleted(orgId, Guid.NewGuid(), 2026, 3,
            "manual", DateTimeOffset.UtcNow, 4, 0, [new ClientBillingTotal(Guid.NewGuid(), "AUD", 10m, 4)]));

        using var financeClient = fixture.ClientFor(orgId, Roles.Finance, finance.Id);
        await Eventually.AssertAsync(async () =>
            (await (await financeClient.GetAsync("/api/identity/me/notifications/unread-count")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK))
                .GetProperty("unread").GetInt64().ShouldBe(1));
        (await (await admin.GetAsync("/api/identity/me/notifications/unread-count")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("unread").GetInt64().ShouldBe(0, "the owner is no longer chosen for the bell of billing runs");
    }

    private async Task<(Guid OrgId, UserDto Owner)> OrganizationWithOwnerAsync()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var service = fixture.ClientFor(orgId, Roles.Owner);
        return (orgId, await UsersApiTests.CreateUserAsync(service, UsersApiTests.UniqueEmail("owner"), Roles.Owner, "Olive Owner"));
    }

    private static ClientReconciled Reconciled(Guid orgId, Guid clientId, long version) => new(orgId, clientId, version,
        DateTimeOffset.UtcNow, Guid.NewGuid(), DateTimeOffset.UtcNow, 12, 10, 2, "under-licensed", 0m, "AUD");
}
