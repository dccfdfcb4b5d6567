using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ReadingBatchTests
{
    private static readonly DateTimeOffset March = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private static AcceptedReading Reading(string id, string externalId, DateTimeOffset observedAt,
        string? description = null, string source = "veeam", decimal quantity = 1m) =>
        new(id, source, externalId, "backup-gb", quantity, observedAt, description);

    [Fact]
    public void Assets_are_distinct_by_source_and_external_id_in_order_of_appearance_with_their_first_and_last_reading()
    {
        var batch = ReadingBatch.Create([
            Reading("r1", "srv-b", March.AddHours(2)),
            Reading("r2", "srv-a", March.AddHours(5)),
            Reading("r3", "srv-a", March),
            Reading("r4", "srv-a", March, source: "ninja"),
        ], out var error)!;

        error.ShouldBeNull();
        batch.Assets.ShouldBe([
            new ObservedAsset("veeam", "srv-b", March.AddHours(2), March.AddHours(2), null, null),
            new ObservedAsset("veeam", "srv-a", March, March.AddHours(5), null, null),
            new ObservedAsset("ninja", "srv-a", March, March, null, null),
        ]);
    }

    [Fact]
    public void Each_reading_points_at_its_asset_in_the_list()
    {
        var batch = ReadingBatch.Create([
            Reading("r1", "srv-b", March),
            Reading("r2", "srv-a", March),
            Reading("r3", "srv-b", March.AddHours(1)),
            Reading("r4", "srv-a", March, source: "ninja"),
        ], out _)!;

        batch.AssetOfReading.Select(position => (batch.Assets[position].Source, batch.Assets[position].ExternalId))
            .ShouldBe([("veeam", "srv-b"), ("veeam", "srv-a"), ("veeam", "srv-b"), ("ninja", "srv-a")]);
    }

    [Fact]
    public void An_asset_takes_the_description_of_its_latest_reading_that_has_one()
    {
        var batch = ReadingBatch.Create([
            Reading("r1", "srv-a", March, "first"),
            Reading("r2", "srv-a", March.AddHours(3), "latest described"),
            Reading("r3", "srv-a", March.AddHours(1), "middle"),
            Reading("r4", "srv-a", March.AddHours(9)),
        ], out _)!;

        var asset = batch.Assets.ShouldHaveSingleItem();
        (asset.Description, asset.DescribedAt).ShouldBe(("latest described", March.AddHours(3)));
        asset.LastSeenAt.ShouldBe(March.AddHours(9));
    }

    [Fact]
    public void Months_are_the_utc_calendar_months_of_the_readings_oldest_first()
    {
        var batch = ReadingBatch.Create([
            Reading("r1", "srv-a", new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(10))),
            Reading("r2", "srv-a", new DateTimeOffset(2025, 1, 31, 23, 59, 59, TimeSpan.Zero)),
            Reading("r3", "srv-a", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)),
        ], out _)!;

        batch.Months.ShouldBe([
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        ]);
    }

    public static TheoryData<AcceptedReading, string> InvalidReadings => new()
    {
        { Reading("", "srv-a", March), "no id" },
        { Reading("r1", "", March), "external id" },
        { Reading("r1", new string('x', 257), March), "external id" },
        { Reading("r1", "srv-a", March, source: ""), "source" },
        { new AcceptedReading("r1", "veeam", "srv-a", "", 1m, March, null), "unit type key" },
        { Reading("r1", "srv-a", March, quantity: -0.5m), "quantity -0.5" },
        { Reading("r1", "srv-a", March, quantity: 100_000_000_000_000m), "quantity" },
    };

    [Theory]
    [MemberData(nameof(InvalidReadings))]
    public void A_reading_that_cannot_be_stored_makes_the_batch_invalid(AcceptedReading reading, string reason)
    {
        ReadingBatch.Create([Reading("ok", "srv-a", March), reading], out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void A_batch_without_readings_member_is_invalid()
    {
        ReadingBatch.Create(null, out var error).ShouldBeNull();

        error.ShouldNotBeNull();
    }
}
