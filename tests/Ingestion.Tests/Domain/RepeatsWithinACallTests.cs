using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Domain;
using static BillingOne.Ingestion.Tests.Domain.Readings;

namespace BillingOne.Ingestion.Tests.Domain;

/// <summary>
/// An id sent twice in one ingest call: the repeat is a duplicate when both readings are the same in canonical form,
/// a conflict when any payload field differs (<see cref="AcceptedReading.DifferencesFrom"/>, which names the fields);
/// either way the first reading is the one kept.
/// </summary>
[Trait("Category", "Unit")]
public class RepeatsWithinACallTests
{
    private static readonly DateTimeOffset Observed = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Padded_text_is_the_same_reading()
    {
        var first = Raw();
        var padded = Raw(id: " r-1 ", source: " veeam ", externalId: "srv-01\t", unitTypeKey: " backup-gb",
            description: "  nightly backup  ");

        RepeatOf(first, padded).Status.ShouldBe(ReadingStatus.Duplicate);
        Differences(first, padded).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1.5", "1.50")]
    [InlineData("1.5", "15e-1")]
    [InlineData("-0", "0.000")]
    [InlineData("0", "-0.0e3")]
    public void A_quantity_written_another_way_is_the_same_reading(string quantity, string rewritten)
    {
        var first = Raw(quantity: quantity);
        var repeat = Raw(quantity: rewritten);

        RepeatOf(first, repeat).Status.ShouldBe(ReadingStatus.Duplicate);
        Differences(first, repeat).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(-5, 0)]
    [InlineData(0, 9)]
    public void The_same_instant_in_another_offset_or_less_than_a_microsecond_later_is_the_same_reading(
        int offsetHours, int extraTicks)
    {
        var first = Raw(observedAt: Observed);
        var repeat = Raw(observedAt: Observed.AddTicks(extraTicks).ToOffset(TimeSpan.FromHours(offsetHours)));

        RepeatOf(first, repeat).Status.ShouldBe(ReadingStatus.Duplicate);
        Differences(first, repeat).ShouldBeEmpty();
    }

    [Fact]
    public void A_blank_description_is_the_same_as_none()
    {
        var first = Raw(description: null);
        var blank = Raw(description: "   ");

        RepeatOf(first, blank).Status.ShouldBe(ReadingStatus.Duplicate);
        Differences(first, blank).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("assetSource")]
    [InlineData("assetExternalId")]
    [InlineData("unitTypeKey")]
    [InlineData("quantity")]
    [InlineData("observedAt")]
    [InlineData("description")]
    public void A_change_in_any_payload_field_is_a_conflict_naming_that_field(string field)
    {
        var first = Raw(observedAt: Observed);
        var changed = field switch
        {
            "assetSource" => first with { AssetSource = "other-source" },
            "assetExternalId" => first with { AssetExternalId = "srv-02" },
            "unitTypeKey" => first with { UnitTypeKey = "device" },
            "quantity" => first with { Quantity = "12.500001" },
            // One microsecond: the precision readings are kept at.
            "observedAt" => first with { ObservedAt = Observed.AddTicks(10) },
            "description" => first with { Description = "Nightly backup" },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a payload field."),
        };

        var repeat = RepeatOf(first, changed);

        repeat.Status.ShouldBe(ReadingStatus.Conflict);
        repeat.Reason.ShouldBe(
            "Id already used at position 0 of this batch with a different payload; that reading is kept.");
        Differences(first, changed).ShouldBe([field]);
    }

    [Theory]
    [InlineData(null, "x")]
    [InlineData("x", null)]
    public void A_missing_description_and_a_present_one_are_a_conflict(string? description, string? changed)
    {
        var first = Raw(description: description);
        var repeat = Raw(description: changed);

        RepeatOf(first, repeat).Status.ShouldBe(ReadingStatus.Conflict);
        Differences(first, repeat).ShouldBe(["description"]);
    }

    [Fact]
    public void Text_moved_from_one_field_to_the_next_is_a_conflict_in_both()
    {
        var first = Raw(source: "ab", externalId: "c");
        var moved = Raw(source: "a", externalId: "bc");

        RepeatOf(first, moved).Status.ShouldBe(ReadingStatus.Conflict);
        Differences(first, moved).ShouldBe(["assetSource", "assetExternalId"]);
    }

    [Fact]
    public void Every_changed_field_is_named_in_the_order_of_the_api()
    {
        var first = Raw(observedAt: Observed);
        var changed = Raw(source: "other-source", externalId: "srv-02", unitTypeKey: "device", quantity: "1",
            observedAt: Observed.AddMinutes(-1), description: null);

        Differences(first, changed)
            .ShouldBe(["assetSource", "assetExternalId", "unitTypeKey", "quantity", "observedAt", "description"]);
    }

    /// <summary>The outcome of <paramref name="repeat"/> sent after <paramref name="first"/> in one call.</summary>
    private static ReadingOutcome RepeatOf(RawReading first, RawReading repeat)
    {
        var screening = new BatchScreening(Validator(), new SuppressionMatcher([]), ReceivedAt);
        screening.Add(BatchEntry.Of(0, first));
        screening.Add(BatchEntry.Of(1, repeat));

        var report = screening.Complete();

        report.Outcomes[0].Status.ShouldBe(ReadingStatus.Accepted);
        report.Accepted.ShouldHaveSingleItem().ShouldBe(Valid(first));
        return report.Outcomes[1];
    }

    /// <summary>The payload fields in which <paramref name="other"/> differs from <paramref name="reading"/>.</summary>
    private static IReadOnlyList<string> Differences(RawReading reading, RawReading other) =>
        Valid(reading).ToAccepted().DifferencesFrom(Valid(other).ToAccepted());
}
