using BillingOne.DemoSeeder.DemoData;

namespace BillingOne.DemoSeeder.Tests;

[Trait("Category", "Unit")]
public class DemoDataTests
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private static List<DemoReading> ReadingsOf(DemoAsset asset) => DemoReadings.For(asset, Today).ToList();

    private static IEnumerable<DemoAsset> NotSuppressed => DemoAssets.All.Where(asset => !asset.Suppressed);

    [Fact]
    public void The_same_day_gives_the_same_readings()
    {
        var first = DemoReadings.For(DemoAssets.All, Today).ToList();
        var second = DemoReadings.For(DemoAssets.All, Today).ToList();

        second.ShouldBe(first);
        first.Count.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void A_run_on_a_later_day_sends_the_readings_both_days_cover_unchanged()
    {
        var today = DemoReadings.For(DemoAssets.All, Today).ToDictionary(reading => reading.Id);
        var tomorrow = DemoReadings.For(DemoAssets.All, Today.AddDays(1)).ToList();

        var repeated = tomorrow.Where(reading => today.ContainsKey(reading.Id)).ToList();
        repeated.Count.ShouldBeGreaterThan(today.Count * 9 / 10);
        repeated.ShouldAllBe(reading => today[reading.Id] == reading);
        tomorrow.ShouldContain(reading => reading.ObservedAt.Date == Today.ToDateTime(TimeOnly.MinValue));
    }

    [Fact]
    public void The_generator_is_pinned_so_resent_readings_stay_duplicates()
    {
        // Changing any of these values turns every earlier demo reading into a conflict on the next run.
        StableNoise.Unit("billingone").ShouldBe(0.4247098304159275805602646869m);
        var backup = DemoAssets.All.Single(asset => asset.ExternalId == "bkp-harbourside-srv01");

        ReadingsOf(backup).Single(reading => reading.Id.EndsWith("-20260210", StringComparison.Ordinal)).ShouldBe(new DemoReading(
            "demo-veeam-bkp-harbourside-srv01-backup-gb-20260210", "veeam", "bkp-harbourside-srv01", "backup-gb",
            66.36m, new DateTimeOffset(2026, 2, 10, 23, 0, 0, TimeSpan.Zero), "Veeam backup job for server SRV01"));
    }

    [Fact]
    public void Readings_are_valid_for_ingestion_and_their_ids_unique()
    {
        var readings = DemoReadings.For(DemoAssets.All, Today).ToList();

        readings.Select(reading => reading.Id).ShouldBeUnique();
        readings.ShouldAllBe(reading => reading.Id.Length <= 128);
        readings.ShouldAllBe(reading => reading.Quantity > 0m && decimal.Round(reading.Quantity, 6) == reading.Quantity);
        readings.ShouldAllBe(reading => reading.ObservedAt < new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        readings.ShouldAllBe(reading => reading.ObservedAt.Offset == TimeSpan.Zero && reading.ObservedAt.Hour == 23);
        // Agents report at different minutes of the hour, not all at once.
        readings.Select(reading => reading.ObservedAt.Minute).Distinct().Count().ShouldBe(60);
        DemoAssets.All.Select(asset => (asset.Source, asset.ExternalId)).ShouldBeUnique();
    }

    [Fact]
    public void Established_assets_have_more_than_30_days_of_usage_up_to_yesterday()
    {
        var established = DemoAssets.All
            .Where(asset => !asset.IsNew && asset.LastDaysAgo == 1 && asset.Kind != AssetKind.DevVirtualMachine)
            .ToList();

        established.Count.ShouldBeGreaterThan(200);
        foreach (var asset in established)
        {
            var days = ReadingsOf(asset).Select(reading => DateOnly.FromDateTime(reading.ObservedAt.UtcDateTime)).ToList();
            days.Count.ShouldBeGreaterThanOrEqualTo(DemoCatalog.MinHistoryDays, asset.ExternalId);
            days.ShouldBeUnique();
            days.Max().ShouldBe(Today.AddDays(-1));
        }
    }

    [Fact]
    public void Established_assets_report_every_day_of_the_three_months_before_the_current_one_whatever_the_date()
    {
        // Every day of four years, leap year included: the earliest first day of the third month back.
        var mostDaysBack = Enumerable.Range(0, 4 * 366)
            .Select(offset => new DateOnly(2026, 1, 1).AddDays(offset))
            .Max(today => today.DayNumber - new DateOnly(today.Year, today.Month, 1).AddMonths(-3).DayNumber);

        mostDaysBack.ShouldBe(DemoCatalog.MinHistoryDays);
        var firstBilledDay = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-3);
        DemoAssets.All.Where(asset => !asset.IsNew).ShouldAllBe(asset =>
            ReadingsOf(asset).Min(reading => reading.ObservedAt) <
                new DateTimeOffset(firstBilledDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public void The_late_reading_is_a_backup_server_s_that_its_client_s_backup_bucket_bills_mid_month()
    {
        var asset = DemoAssets.LateReporter;
        var late = DemoReadings.LateFor(new DateOnly(2025, 12, 1));

        asset.Kind.ShouldBe(AssetKind.BackupServer);
        DemoCatalog.BackupStorage.AutoProvision.ShouldBeTrue();
        Glob.IsMatch(DemoCatalog.BackupStorage.FilterPattern!, asset.ExternalId).ShouldBeTrue();
        DemoCatalog.AssignmentRules.ShouldContain(rule => rule.ClientSlug == asset.ClientSlug);
        late.ShouldBe(new DemoReading("demo-late-veeam-bkp-harbourside-srv01-backup-gb-202512", "veeam",
            "bkp-harbourside-srv01", "backup-gb", 57.82m, new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero),
            "Veeam backup job for server SRV01"));
        DemoReadings.LateFor(new DateOnly(2025, 12, 1)).ShouldBe(late);
        DemoReadings.For(DemoAssets.All, Today).ShouldNotContain(reading => reading.Id == late.Id);
    }

    [Fact]
    public void Dev_vms_report_weekdays_only_and_one_vm_went_quiet_a_week_ago()
    {
        var devReadings = DemoAssets.All.Where(asset => asset.Kind == AssetKind.DevVirtualMachine).SelectMany(ReadingsOf).ToList();

        devReadings.ShouldNotBeEmpty();
        devReadings.ShouldAllBe(reading => reading.ObservedAt.DayOfWeek != DayOfWeek.Saturday &&
            reading.ObservedAt.DayOfWeek != DayOfWeek.Sunday);
        devReadings.ShouldAllBe(reading => reading.Quantity >= 8m && reading.Quantity <= 12m);
        var quiet = DemoAssets.All.Where(asset => asset.LastDaysAgo > 1).ShouldHaveSingleItem();
        ReadingsOf(quiet).Max(reading => reading.ObservedAt).ShouldBeLessThan(
            new DateTimeOffset(Today.AddDays(-7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public void A_few_assets_are_new_and_report_only_since_they_appeared()
    {
        var fresh = DemoAssets.All.Where(asset => asset.IsNew).ToList();

        fresh.Count.ShouldBeInRange(3, 10);
        fresh.ShouldContain(asset => asset.ClientSlug == null);
        fresh.ShouldContain(asset => asset.ClientSlug != null);
        foreach (var asset in fresh)
        {
            ReadingsOf(asset).ShouldAllBe(reading =>
                reading.ObservedAt >= new DateTimeOffset(Today.AddDays(-DemoCatalog.NewAssetDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }
    }

    [Fact]
    public void Only_the_decommissioned_vms_match_the_suppression_rule()
    {
        var suppression = DemoCatalog.Suppression;

        DemoAssets.All.Where(asset => Glob.IsMatch(suppression.Pattern, asset.ExternalId))
            .ShouldBe(DemoAssets.All.Where(asset => asset.Suppressed));
        DemoAssets.All.Count(asset => asset.Suppressed).ShouldBe(2);
        suppression.Target.ShouldBe("asset-id");
    }

    [Fact]
    public void Assignment_rules_give_each_asset_exactly_its_planned_client()
    {
        foreach (var asset in NotSuppressed)
        {
            var matching = DemoCatalog.AssignmentRules.Where(rule => Glob.IsMatch(rule.Pattern, asset.ExternalId)).ToList();
            var client = DemoCatalog.Clients.SingleOrDefault(client => client.Slug == asset.ClientSlug);
            if (client?.AssignedBy == DemoAssignment.Rule)
            {
                matching.ShouldHaveSingleItem(asset.ExternalId).ClientSlug.ShouldBe(client.Slug);
            }
            else
            {
                // Unassigned, or assigned by its client's scoped ingest key.
                matching.ShouldBeEmpty(asset.ExternalId);
            }
        }
    }

    [Fact]
    public void The_key_assigned_client_s_readings_go_with_its_scoped_key_and_the_others_with_the_organization_s()
    {
        var scoped = DemoCatalog.IngestKeys.Where(key => key.ClientSlug != null).ShouldHaveSingleItem();

        scoped.ClientSlug.ShouldBe(DemoCatalog.RedgumLogistics.Slug);
        foreach (var asset in DemoAssets.All)
        {
            DemoCatalog.IngestKeyFor(asset).ShouldBe(
                asset.ClientSlug == scoped.ClientSlug ? scoped : DemoCatalog.OrganizationIngestKey);
        }
        DemoAssets.All.Count(asset => asset.ClientSlug == scoped.ClientSlug).ShouldBeGreaterThan(20);
    }

    [Fact]
    public void The_backup_filter_leaves_the_nas_boxes_for_someone_to_bind()
    {
        var backups = DemoAssets.All.Where(asset => asset.UnitTypeKey == DemoCatalog.BackupStorage.Key).ToList();
        var filter = DemoCatalog.BackupStorage.FilterPattern.ShouldNotBeNull();

        backups.Where(asset => !Glob.IsMatch(filter, asset.ExternalId)).Select(asset => asset.Kind).Distinct()
            .ShouldBe([AssetKind.Nas]);
        backups.ShouldContain(asset => asset.Kind == AssetKind.BackupServer && Glob.IsMatch(filter, asset.ExternalId));
    }

    [Fact]
    public void The_console_shows_a_few_hundred_assets_over_every_unit_type_some_unassigned()
    {
        DemoAssets.All.Count.ShouldBeInRange(200, 400);
        DemoAssets.All.Select(asset => asset.UnitTypeKey).Distinct()
            .ShouldBe(DemoCatalog.UnitTypes.Select(unitType => unitType.Key), ignoreOrder: true);
        NotSuppressed.Count(asset => asset.ClientSlug == null).ShouldBeGreaterThanOrEqualTo(5);
        DemoCatalog.UnitTypes.ShouldContain(unitType => !unitType.AutoProvision);
        DemoCatalog.UnitTypes.Where(unitType => unitType.AutoProvision).Select(unitType => unitType.Aggregation)
            .ShouldBe(["sum", "count", "sum"], ignoreOrder: true);
        DemoCatalog.Clients.Select(client => client.Name).ShouldBeUnique();
    }
}
