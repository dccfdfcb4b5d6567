using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Apis;
using BillingOne.Reconciliation.Tests.Api;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>The Synergy sync against a WireMock account, on a real database and bus.</summary>
[Trait("Category", "Integration")]
public sealed class SynergySyncTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private const string DomainsPath = "/api/reconciliation/domains?pageSize=200";

    [Fact]
    public async Task A_second_sync_counts_exactly_what_changed_per_kind()
    {
        using var stub = SynergyStub.WithAccounts(4);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveSynergySettingsAsync(stub);

        var first = await client.SyncSynergyAsync();

        first.Status.ShouldBe(SyncRunStatus.Completed, first.Error);
        first.Breakdown["domains"].ShouldBe(new SyncCounts(8, 0, 0));
        first.Breakdown["hosting"].ShouldBe(new SyncCounts(4, 0, 0));
        first.Breakdown["certificates"].ShouldBe(new SyncCounts(4, 0, 0));

        stub.Domains.Add(new StubDomain("newcomer.io", "ok", "2028-01-01", "on", "Newcomer Ltd"));
        stub.Domains[0] = stub.Domains[0] with { AutoRenew = "off" };
        stub.Domains.RemoveAt(1);
        stub.Hosting[0] = stub.Hosting[0] with { DiskUsage = "900" };
        stub.Certificates.RemoveAt(3);

        var second = await client.SyncSynergyAsync();

        second.Status.ShouldBe(SyncRunStatus.Completed, second.Error);
        second.Breakdown["domains"].ShouldBe(new SyncCounts(1, 1, 1));
        second.Breakdown["hosting"].ShouldBe(new SyncCounts(0, 1, 0));
        second.Breakdown["certificates"].ShouldBe(new SyncCounts(0, 0, 1));
        var domains = (await client.PageAsync<SynergyDomainResponse>(DomainsPath)).Items;
        domains.Count.ShouldBe(8);
        domains.ShouldNotContain(domain => domain.Name == "customer01.net");
        domains.Single(domain => domain.Name == "customer01.com.au").AutoRenew.ShouldBeFalse();

        stub.Domains.Add(new StubDomain("customer01.net", "ok", "2027-06-01", "off", "Customer 01 Pty Ltd"));
        var third = await client.SyncSynergyAsync();
        third.Breakdown["domains"].ShouldBe(new SyncCounts(1, 0, 0), "a domain listed again is added again");
    }

    [Fact]
    public async Task A_sync_publishes_every_customer_account_through_the_outbox()
    {
        using var stub = SynergyStub.WithAccounts(3);
        stub.Domains.Add(new StubDomain("noowner.com", "ok", null, "on", null));
        var orgId = Guid.NewGuid();
        using var client = fixture.ClientFor(orgId);
        await client.SaveSynergySettingsAsync(stub);

        var run = await client.SyncSynergyAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        var (snapshot, _) = (await AccountEventsAsync(orgId)).ShouldHaveSingleItem();
        (snapshot.Vendor, snapshot.SyncRunId).ShouldBe(("synergy", run.Id));
        snapshot.Accounts.ShouldBe([
            new VendorAccount("customer 01 pty ltd", "Customer 01 Pty Ltd"),
            new VendorAccount("customer 02 pty ltd", "Customer 02 Pty Ltd"),
            new VendorAccount("customer 03 pty ltd", "Customer 03 Pty Ltd"),
        ]);
        await Eventually.UntilAsync(async () => (await AccountEventsAsync(orgId)).Single().Sent, "the relay to publish it");
    }

    [Fact]
    public async Task A_malformed_item_is_recorded_on_the_run_by_its_synergy_id_and_the_rest_is_stored()
    {
        using var stub = SynergyStub.WithAccounts(3);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveSynergySettingsAsync(stub);
        stub.MalformedPage = ("listHosting", 1);
        stub.ContactsRefused.Add("customer03.net");

        var run = await client.SyncSynergyAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Skipped.ShouldBe([
            new SkippedItem("Synergy domain customer03.net",
                "registrant not read, kept without a client: listContacts 'status' is ERR_LISTCONTACTS_FAILED: Domain Info Failed - Unable to retrieve domain id"),
            new SkippedItem("Synergy hosting service H001", "'hoidList/item[1]/plan' is missing or empty (listHosting page 1)"),
        ]);
        run.Breakdown["domains"].ShouldBe(new SyncCounts(6, 0, 0));
        run.Breakdown["hosting"].ShouldBe(new SyncCounts(2, 0, 0));
        run.Breakdown["certificates"].ShouldBe(new SyncCounts(3, 0, 0), "the run as the API answers it carries the skipped items");
    }

    [Fact]
    public async Task Wrong_credentials_fail_the_run_with_synergys_reason()
    {
        using var stub = SynergyStub.WithAccounts(1);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveSynergySettingsAsync(stub, apiKey: "not-the-key");

        var failed = await client.SyncSynergyAsync();

        failed.Status.ShouldBe(SyncRunStatus.Failed);
        failed.Skipped.ShouldBe([new SkippedItem("domains page 1", "'status' is ERR_LOGIN_FAILED: Unable to login to the API")]);
    }

    private async Task<List<(VendorAccountsSnapshotted Event, bool Sent)>> AccountEventsAsync(Guid orgId)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var rows = await connection.QueryAsync<(string Payload, bool Sent)>("""
            SELECT payload::text, sent_at IS NOT NULL FROM outbox_messages
            WHERE message_type LIKE 'BillingOne.Contracts.Events.VendorAccountsSnapshotted,%' AND payload->>'orgId' = @orgId
            ORDER BY sequence
            """, new { orgId = orgId.ToString() });
        return [.. rows.Select(row => (JsonSerializer.Deserialize<VendorAccountsSnapshotted>(row.Payload,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!, row.Sent))];
    }
}
