using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Metering.Tests.Api;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Consumers;

[Trait("Category", "Integration")]
public sealed class OrganizationChangedConsumerTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private sealed record OrganizationRow(int BillingGraceDays, long Version);

    private async Task<OrganizationRow?> StoredAsync(Guid orgId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return await connection.QuerySingleOrDefaultAsync<OrganizationRow>("""
            SELECT billing_grace_days AS BillingGraceDays, version AS Version FROM organizations WHERE org_id = @orgId
            """, new { orgId });
    }

    [Fact]
    public async Task The_announced_grace_days_are_stored_a_newer_version_replaces_them_and_an_older_one_is_ignored()
    {
        var orgId = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(Organization(orgId, billingGraceDays: 7, version: 2));
        (await StoredAsync(orgId)).ShouldBe(new OrganizationRow(7, 2));

        await fixture.PublishAndWaitAsync(Organization(orgId, billingGraceDays: 1, version: 3));
        await fixture.PublishAndWaitAsync(Organization(orgId, billingGraceDays: 30, version: 1));

        (await StoredAsync(orgId)).ShouldBe(new OrganizationRow(1, 3));
    }

    [Fact]
    public async Task An_invalid_announcement_faults_and_stores_nothing()
    {
        var orgId = Guid.NewGuid();

        var messageId = await fixture.PublishAsync(Organization(orgId, billingGraceDays: 61, version: 1));

        (await fixture.Consumed.WaitForFaultAsync(messageId)).ShouldBeOfType<MessageValidationException>();
        (await StoredAsync(orgId)).ShouldBeNull();
    }
}
