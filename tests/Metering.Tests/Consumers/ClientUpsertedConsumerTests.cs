using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Metering.Tests.Api;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Consumers;

[Trait("Category", "Integration")]
public sealed class ClientUpsertedConsumerTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private sealed record ClientRow(string Name, bool Enabled, string TimeZone, long Version);

    private async Task<ClientRow?> StoredAsync(Guid clientId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return await connection.QuerySingleOrDefaultAsync<ClientRow>("""
            SELECT name AS Name, enabled AS Enabled, time_zone AS TimeZone, version AS Version
            FROM clients WHERE client_id = @clientId
            """, new { clientId });
    }

    [Fact]
    public async Task A_newer_version_replaces_the_client_and_an_older_one_is_ignored()
    {
        var clientId = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(Client(clientId, "Northwind", "Europe/London", version: 2));
        (await StoredAsync(clientId)).ShouldBe(new ClientRow("Northwind", true, "Europe/London", 2));

        await fixture.PublishAndWaitAsync(Client(clientId, "Northwind Traders", "Australia/Sydney", version: 3));
        await fixture.PublishAndWaitAsync(Client(clientId, "Stale name", "UTC", version: 1));

        (await StoredAsync(clientId)).ShouldBe(new ClientRow("Northwind Traders", true, "Australia/Sydney", 3));
    }

    [Fact]
    public async Task An_invalid_client_event_faults_and_stores_nothing()
    {
        var clientId = Guid.NewGuid();

        var messageId = await fixture.PublishAsync(Client(clientId, "Versionless", version: 0));

        (await fixture.Consumed.WaitForFaultAsync(messageId)).ShouldBeOfType<MessageValidationException>();
        (await StoredAsync(clientId)).ShouldBeNull();
    }
}
