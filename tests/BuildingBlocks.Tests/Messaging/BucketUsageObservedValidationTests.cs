using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

/// <summary>Observations no consumer can take are refused before anything is stored (the projection would replay them in every rebuild).</summary>
[Trait("Category", "Unit")]
public sealed class BucketUsageObservedValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(11));

    private static BucketUsageObserved Observed() => new(Guid.NewGuid(), Guid.NewGuid(), 1, Guid.NewGuid(), null, "Backup",
        "storage-gb", "sum", true, 100m, 50m, 0.5m, "AUD", 2026, 2, Start, Start.AddMonths(1), Start.AddDays(3), 30m,
        [10m, 20m, 30m], false);

    [Fact]
    public void A_well_formed_observation_passes()
    {
        MessageValidationException.ThrowIfInvalid(Observed());
        MessageValidationException.ThrowIfInvalid(Observed() with { DailyUsage = [.. Enumerable.Repeat(1m, 28)], Final = true });
        MessageValidationException.ThrowIfInvalid(Observed() with { SourceType = "agent" });
    }

    public static readonly TheoryData<BucketUsageObserved, string> Refused = new()
    {
        { Observed() with { Version = 0 }, "versions start at 1" },
        { Observed() with { Aggregation = "median" }, "aggregation 'median'" },
        { Observed() with { Currency = "aud" }, "currency 'aud'" },
        { Observed() with { Month = 13 }, "not a calendar month" },
        { Observed() with { PeriodEnd = Start }, "ends before it starts" },
        { Observed() with { CommitUnits = -1m }, "negative commit or price" },
        { Observed() with { DailyUsage = [.. Enumerable.Repeat(1m, 29)] }, "more daily usage entries than its month has days" },
        { Observed() with { BucketId = Guid.Empty }, "must carry" },
        { Observed() with { SourceType = " " }, "blank source type" },
        { Observed() with { SourceType = new string('a', 257) }, "longer than 256 characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_observation_the_projection_cannot_take_is_refused(BucketUsageObserved observed, string problem)
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(observed))
            .Message.ShouldContain(problem);
    }

    [Fact]
    public void A_removal_names_its_organization_and_bucket()
    {
        MessageValidationException.ThrowIfInvalid(new BucketRemoved(Guid.NewGuid(), Guid.NewGuid(), Start));
        Should.Throw<MessageValidationException>(() =>
            MessageValidationException.ThrowIfInvalid(new BucketRemoved(Guid.Empty, Guid.NewGuid(), Start)));
    }
}
