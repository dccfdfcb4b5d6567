using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Metering.BillingRuns;
using BillingOne.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Metering.Tests.Api;

public sealed record BillingSettingsDto(string Schedule, bool ScheduleEnabled);

/// <summary>
/// The organization's monthly schedule and grace period (identity's billing grace days, as OrganizationChanged
/// announces them), driven by the fixture's clock: the scheduler's passes are called here (its timer is off in tests)
/// so each pass happens at a known instant.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BillingScheduleTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string Settings = "/api/metering/billing-settings";

    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient? adminClient;

    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    private BillingScheduler Scheduler =>
        fixture.Services.GetServices<IHostedService>().OfType<BillingScheduler>().Single();

    [Fact]
    public async Task The_schedule_bills_last_month_once_it_has_ended_for_every_client_and_identitys_grace_days_finalize_it()
    {
        // A Los Angeles client's March ends on 1 April 07:00 UTC (PDT, UTC−7), an hour after the 06:00 occurrence.
        var unitType = await Admin.CreateUnitTypeAsync("backup-gb", "Backup");
        var client = await data.ClientAsync("West Coast", "America/Los_Angeles", orgId: orgId);
        var asset = await data.AssetAsync(client, "pc-1", [unitType.Key], orgId: orgId);
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id);
        await Admin.BindAsync(bucket.Id, asset);
        await data.ReadingAsync(asset, unitType.Key, 120m, new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), orgId);
        (await Admin.PutAsJsonAsync(Settings, new { schedule = "0 6 1 * *", scheduleEnabled = true }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // 15 March: the schedule is planned for its next occurrence; nothing runs before it.
        await Scheduler.TickAsync(CancellationToken.None);
        (await RunsAsync()).ShouldBeEmpty();

        MoveClockTo(new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero));
        await Scheduler.TickAsync(CancellationToken.None);
        (await RunsAsync()).ShouldBeEmpty("March has not ended in Los Angeles yet");

        MoveClockTo(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero));
        await Scheduler.TickAsync(CancellationToken.None);
        var run = (await RunsAsync()).ShouldHaveSingleItem();
        (run.Period, run.Trigger).ShouldBe(("2026-03", "schedule"));
        await Eventually.ReturnsAsync(async () => (await RunsAsync()).Single().Status,
            status => status == "completed", "the scheduled run to complete");
        // Another pass in the same month queues nothing more.
        await Scheduler.TickAsync(CancellationToken.None);
        (await RunsAsync()).Count.ShouldBe(1);

        // Two days after March ended in Los Angeles: identity has announced nothing, so its default five days apply.
        MoveClockTo(new DateTimeOffset(2026, 4, 3, 7, 0, 0, TimeSpan.Zero));
        await Scheduler.TickAsync(CancellationToken.None);
        (await LineStatusesAsync()).ShouldBe(["draft"]);

        // An admin sets two grace days in identity's organization settings; an older announcement (nine days) arrives
        // late and is ignored. The next pass finalizes the month, as the service.
        await fixture.PublishAndWaitAsync(MeteringMessages.Organization(orgId, billingGraceDays: 2, version: 3));
        await fixture.PublishAndWaitAsync(MeteringMessages.Organization(orgId, billingGraceDays: 9, version: 2));
        await Scheduler.TickAsync(CancellationToken.None);
        (await LineStatusesAsync()).ShouldBe(["final"]);
        (await data.OutboxEventsAsync("BillingPeriodFinalized", orgId)).ShouldHaveSingleItem()
            .GetProperty("month").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Settings_default_until_saved_and_are_refused_naming_the_member_and_only_admins_change_them()
    {
        (await Admin.GetFromJsonAsync<BillingSettingsDto>(Settings))
            .ShouldBe(new BillingSettingsDto("0 6 1 * *", true));

        var invalid = await Admin.PutAsJsonAsync(Settings, new { schedule = "monthly" });
        (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.Order()
            .ShouldBe(["schedule", "scheduleEnabled"]);
        using var finance = fixture.CreateClient(TestTokens.For(orgId, Roles.Finance));
        await (await finance.PutAsJsonAsync(Settings, new { schedule = "0 6 2 * *", scheduleEnabled = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var saved = await Admin.PutAsJsonAsync(Settings, new { schedule = "0 6 2 * *", scheduleEnabled = false });
        (await saved.ShouldBeJsonAsync<BillingSettingsDto>(HttpStatusCode.OK)).ShouldBe(new BillingSettingsDto("0 6 2 * *", false));
        (await finance.GetFromJsonAsync<BillingSettingsDto>(Settings)).ShouldBe(new BillingSettingsDto("0 6 2 * *", false));
        (await fixture.AuditEntriesAsync("billing_settings", orgId)).ShouldHaveSingleItem().Action.ShouldBe("update");
    }

    public void Dispose() => adminClient?.Dispose();

    private void MoveClockTo(DateTimeOffset instant) => fixture.Clock.SetUtcNow(instant);

    private async Task<List<BillingRunDto>> RunsAsync() =>
        (await Admin.GetFromJsonAsync<PagedResult<BillingRunDto>>("/api/metering/billing-runs"))!.Items.ToList();

    private async Task<List<string>> LineStatusesAsync() =>
        (await Admin.GetFromJsonAsync<PagedResult<BillingReadingDto>>("/api/metering/billing-readings?period=2026-03"))!
            .Items.Select(line => line.Status).ToList();
}
