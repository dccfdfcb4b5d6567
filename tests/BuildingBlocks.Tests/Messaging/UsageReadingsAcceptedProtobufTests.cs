using System.Text.Json;
using BillingOne.Contracts.Events;
using Google.Protobuf;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

/// <summary>
/// The ingest batch's protobuf body on the broker: whatever ingestion accepted comes back to metering field for
/// field, at the ingest limits, in any script.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UsageReadingsAcceptedProtobufTests
{
    private static readonly DateTimeOffset Received = new DateTimeOffset(2026, 12, 7, 3, 40, 12, TimeSpan.Zero).AddTicks(1_234_567);

    private static UsageReadingsAccepted Batch(IReadOnlyList<AcceptedReading> readings, Guid? clientScope) =>
        new(Guid.NewGuid(), Guid.CreateVersion7(Received), clientScope, Guid.NewGuid(), Received, readings);

    private static UsageReadingsAccepted RoundTrip(UsageReadingsAccepted batch) =>
        UsageReadingsAcceptedProtobuf.Decode(UsageReadingsAcceptedProtobuf.Encode(batch));

    private static void ShouldMatch(UsageReadingsAccepted decoded, UsageReadingsAccepted sent)
    {
        decoded.OrgId.ShouldBe(sent.OrgId);
        decoded.BatchId.ShouldBe(sent.BatchId);
        decoded.ClientScope.ShouldBe(sent.ClientScope);
        decoded.ActorId.ShouldBe(sent.ActorId);
        decoded.ReceivedAt.UtcTicks.ShouldBe(sent.ReceivedAt.UtcTicks);
        decoded.Readings.Count.ShouldBe(sent.Readings.Count);
        foreach (var (got, expected) in decoded.Readings.Zip(sent.Readings))
        {
            got.ShouldBe(expected);
            // Equal decimals may differ in scale (1.5 and 1.50); the wire keeps the one sent.
            got.Quantity.Scale.ShouldBe(expected.Quantity.Scale);
            got.ObservedAt.UtcTicks.ShouldBe(expected.ObservedAt.UtcTicks);
        }
    }

    [Fact]
    public void Every_field_comes_back()
    {
        var batch = Batch([
            new AcceptedReading("r-1", "ninjaone", "srv-01", "backup-gb", 12.5m, Received.AddHours(-1), "nightly backup"),
            new AcceptedReading("r-2", "veeam", "job 7", "mailboxes", 1.50m, Received.AddMinutes(-3).AddTicks(10), null),
            new AcceptedReading("r-3", "veeam", "job 8", "mailboxes", 0m, Received, ""),
            new AcceptedReading("r-4", "veeam", "job 9", "storage-tb", 0.000001m, Received, null),
            new AcceptedReading("r-5", "veeam", "job 9", "storage-tb", 99_999_999_999_999.999999m, Received, null),
        ], clientScope: Guid.NewGuid());

        var decoded = RoundTrip(batch);

        ShouldMatch(decoded, batch);
        decoded.Readings[2].Description.ShouldBe(""); // empty is not absent
        decoded.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Absent_values_stay_absent()
    {
        var batch = Batch([new AcceptedReading("r-1", "s", "a", "u", 1m, Received, Description: null)], clientScope: null);

        var decoded = RoundTrip(batch);

        decoded.ClientScope.ShouldBeNull();
        decoded.Readings[0].Description.ShouldBeNull();
    }

    [Fact]
    public void An_empty_batch_comes_back_empty() =>
        RoundTrip(Batch([], clientScope: null)).Readings.ShouldBeEmpty();

    [Fact]
    public void A_batch_at_the_ingest_limits_comes_back_and_is_smaller_than_its_json()
    {
        // 10,000 readings per call; ids of 128 characters, asset fields and unit type keys of 256, descriptions of 1,024.
        var readings = Enumerable.Range(0, 10_000).Select(i => new AcceptedReading(
            i.ToString("D128"), new string('s', 256), i.ToString("D256"), new string('u', 256),
            99_999_999_999_999.999999m - i, Received.AddTicks(-i * 10), new string('d', 1_024))).ToList();
        var batch = Batch(readings, clientScope: Guid.NewGuid());

        var body = UsageReadingsAcceptedProtobuf.Encode(batch);

        ShouldMatch(UsageReadingsAcceptedProtobuf.Decode(body), batch);
        body.Length.ShouldBeLessThan(JsonSerializer.SerializeToUtf8Bytes(batch, JsonSerializerOptions.Web).Length);
    }

    [Theory]
    [InlineData("Zürich-Ström 🚀 ☃")]
    [InlineData("東京サーバー")]
    [InlineData("خادم النسخ الاحتياطي")]
    [InlineData("e\u0301 combining, \u200D joiner")]
    public void Text_in_any_script_comes_back(string text)
    {
        var batch = Batch([new AcceptedReading(text, text, text, text, 3m, Received, text)], clientScope: null);

        ShouldMatch(RoundTrip(batch), batch);
    }

    [Fact]
    public void An_instant_with_an_offset_comes_back_as_the_same_instant_in_utc()
    {
        var observed = new DateTimeOffset(2026, 12, 7, 14, 40, 12, TimeSpan.FromHours(11)).AddTicks(7);
        var batch = Batch([new AcceptedReading("r-1", "s", "a", "u", 1m, observed, null)], clientScope: null);

        var decoded = RoundTrip(batch).Readings[0].ObservedAt;

        decoded.ShouldBe(observed);
        decoded.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_batch_without_a_list_of_readings_is_not_sent()
    {
        var batch = Batch(null!, clientScope: null);

        batch.Validate().ShouldNotBeEmpty();
        Should.Throw<ArgumentNullException>(() => UsageReadingsAcceptedProtobuf.Encode(batch));
    }

    [Fact]
    public void Bytes_that_are_not_a_batch_are_refused()
    {
        Should.Throw<InvalidProtocolBufferException>(() => UsageReadingsAcceptedProtobuf.Decode([0xFF, 0xFF, 0xFF]));
        // A well-formed message whose guid is not 16 bytes.
        Should.Throw<FormatException>(() => UsageReadingsAcceptedProtobuf.Decode([0x0A, 0x01, 0x00]));
    }
}
