using System.Net;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

/// <summary>The nightly schedule (default 02:00 UTC), driven by moving the service's clock.</summary>
[Trait("Category", "Integration")]
public sealed class ProvisioningScheduleTests(FixedClockMeteringFixture fixture) : IClassFixture<FixedClockMeteringFixture>
{
    [Fact]
    public async Task The_schedule_provisions_every_organization_with_templates()
    {
        var orgId = Guid.NewGuid();
        using var admin = fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));
        var template = await admin.CreateUnitTypeAsync("backup-gb", "Backup GB", autoProvision: true);
        var client = await fixture.Data.ClientAsync("Contoso", orgId: orgId);
        await fixture.Data.AssetAsync(client, "srv-1", [template.Key], orgId: orgId);

        // The scheduler may still be computing its first wait when the clock first moves; moving it a day at a time
        // until a run shows up passes 02:00 UTC whenever it is waiting.
        var runs = await Eventually.ReturnsAsync(async () =>
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
            return await (await admin.GetAsync(MeteringRequests.ProvisioningRuns))
                .ShouldBeJsonAsync<PagedResult<ProvisioningRunDto>>(HttpStatusCode.OK);
        }, page => page.Items.Any(run => run.Status == "succeeded" && run.BucketsCreated == 1), "a scheduled run");

        var run = runs.Items.First(candidate => candidate.BucketsCreated == 1);
        run.Trigger.ShouldBe("schedule");
        run.StartedAt.ShouldBeGreaterThan(FixedClockMeteringFixture.Now);
        (await fixture.Data.OutboxEventsAsync("BucketProvisioned", orgId)).ShouldHaveSingleItem();
    }
}
