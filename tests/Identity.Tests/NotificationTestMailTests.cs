using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Data;
using BillingOne.Testing;
using SmtpServer.Protocol;

namespace BillingOne.Identity.Tests;

/// <summary>
/// "Send test mail" on Settings → Email notifications (issue #33): one mail through the saved settings to the person
/// asking, through a real SMTP server (<see cref="SmtpSink"/>); a server that refuses or is not there is a 502 problem
/// saying why, never a 500; every try is audited with its outcome.
/// </summary>
[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationTestMailTests(DirectoryFixture fixture)
{
    private const string TestPath = "/api/identity/organization/smtp/test";

    [Fact]
    public async Task The_test_mail_arrives_at_the_callers_address_through_the_saved_server_and_is_audited()
    {
        await using var sink = new SmtpSink();
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var client = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        await SaveSmtpAsync(client, sink.Port);

        var sent = await (await client.PostAsync(TestPath, null)).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);

        sent.GetProperty("sent").GetBoolean().ShouldBeTrue();
        sent.GetProperty("toAddress").GetString().ShouldBe(owner.Email);
        sent.GetProperty("server").GetString().ShouldBe($"127.0.0.1:{sink.Port}");
        sent.GetProperty("detail").GetString().ShouldBe($"A test mail went to {owner.Email} through 127.0.0.1:{sink.Port}.");
        var mail = sink.Messages.ShouldHaveSingleItem("the mail is sent before the answer, not queued");
        mail.To.Mailboxes.Single().Address.ShouldBe(owner.Email);
        mail.From.Mailboxes.Single().Address.ShouldBe("billing@msp.example.com");
        mail.Subject.ShouldBe("BillingOne: test mail");
        mail.TextBody.ShouldNotBeNull().ShouldContain($"Notification mails go through 127.0.0.1:{sink.Port} (none)");

        var audit = (await fixture.EntriesAsync(SmtpSettingsStore.SettingsTable, orgId))
            .Last(entry => entry.Action == SmtpSettingsStore.TestMailAction);
        (audit.ActorType, audit.ActorId).ShouldBe((ActorTypes.User, owner.Id));
        audit.New.GetProperty("toAddress").GetString().ShouldBe(owner.Email);
        audit.New.GetProperty("outcome").GetString().ShouldBe("sent");
    }

    [Fact]
    public async Task A_server_that_refuses_the_mail_is_a_502_naming_its_answer_and_audited_as_failed()
    {
        await using var sink = new SmtpSink(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "relaying denied for billing@msp.example.com"));
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var client = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        await SaveSmtpAsync(client, sink.Port);

        var problem = await (await client.PostAsync(TestPath, null)).ShouldBeProblemAsync(HttpStatusCode.BadGateway);

        problem.GetProperty("title").GetString().ShouldBe("The mail server did not take the test mail.");
        var detail = problem.GetProperty("detail").GetString().ShouldNotBeNull();
        detail.ShouldStartWith($"The mail server 127.0.0.1:{sink.Port} refused the mail (550");
        detail.ShouldContain("relaying denied");
        problem.GetProperty("toAddress").GetString().ShouldBe(owner.Email);
        sink.Messages.ShouldBeEmpty();
        var audit = (await fixture.EntriesAsync(SmtpSettingsStore.SettingsTable, orgId))
            .Last(entry => entry.Action == SmtpSettingsStore.TestMailAction);
        audit.New.GetProperty("outcome").GetString().ShouldBe("failed");
        audit.New.GetProperty("error").GetString().ShouldBe(detail);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_502_saying_so()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var client = fixture.ClientFor(orgId, Roles.Admin, owner.Id);
        int port;
        await using (var closed = new SmtpSink())
        {
            port = closed.Port;
        }
        await SaveSmtpAsync(client, port);

        var problem = await (await client.PostAsync(TestPath, null)).ShouldBeProblemAsync(HttpStatusCode.BadGateway);

        problem.GetProperty("detail").GetString().ShouldBe(
            $"Could not connect to the mail server 127.0.0.1:{port} (ConnectionRefused): Connection refused");
    }

    [Fact]
    public async Task Without_a_saved_server_an_api_key_or_a_non_admin_no_mail_is_tried()
    {
        var (orgId, owner) = await OrganizationWithOwnerAsync();
        using var ownerClient = fixture.ClientFor(orgId, Roles.Owner, owner.Id);
        (await (await ownerClient.PostAsync(TestPath, null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("title").GetString().ShouldBe("No mail server is set up.");

        await using var sink = new SmtpSink();
        await SaveSmtpAsync(ownerClient, sink.Port);
        using var apiKey = fixture.ClientFor(orgId, Roles.Admin, actorType: ActorTypes.ApiKey);
        (await (await apiKey.PostAsync(TestPath, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("An API key has no mail address: sign in as a user to send yourself a test mail.");
        using var finance = fixture.ClientFor(orgId, Roles.Finance, owner.Id);
        (await finance.PostAsync(TestPath, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        sink.Messages.ShouldBeEmpty();
    }

    private static async Task SaveSmtpAsync(HttpClient client, int port) =>
        (await client.PutAsJsonAsync("/api/identity/organization/smtp", new
        {
            host = "127.0.0.1", port, tlsMode = "none", userName = (string?)null, fromAddress = "billing@msp.example.com",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task<(Guid OrgId, UserDto Owner)> OrganizationWithOwnerAsync()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var service = fixture.ClientFor(orgId, Roles.Owner);
        return (orgId, await UsersApiTests.CreateUserAsync(service, UsersApiTests.UniqueEmail("owner"), Roles.Owner, "Olive Owner"));
    }
}
