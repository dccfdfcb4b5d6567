using BillingOne.Contracts.Ingestion.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace BillingOne.Ingestion.Tests.Contracts;

[Trait("Category", "Unit")]
public class IngestionProtoTests
{
    [Fact]
    public void A_reading_survives_the_wire_with_its_exact_quantity_and_timestamp()
    {
        var observedAt = new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560);
        var batch = new ReadingBatch
        {
            Readings =
            {
                new Reading
                {
                    Id = "r-1",
                    AssetSource = "veeam",
                    AssetExternalId = "srv-01",
                    UnitTypeKey = "backup-gb",
                    Quantity = "99999999999999.999999",
                    ObservedAt = Timestamp.FromDateTimeOffset(observedAt),
                    Description = "nightly",
                },
                new Reading { Id = "r-2", Quantity = "0" },
            },
        };

        var copy = ReadingBatch.Parser.ParseFrom(batch.ToByteArray());

        copy.ShouldBe(batch);
        var first = copy.Readings[0];
        decimal.Parse(first.Quantity, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(99_999_999_999_999.999999m);
        first.ObservedAt.ToDateTimeOffset().ShouldBe(observedAt);
        first.HasDescription.ShouldBeTrue();
        copy.Readings[1].HasDescription.ShouldBeFalse();
    }

    [Fact]
    public void The_result_lists_one_outcome_per_reading()
    {
        var result = new IngestResult
        {
            Accepted = 1,
            Rejected = 1,
            Outcomes =
            {
                new ReadingOutcome { Position = 0, Id = "r-1", Status = ReadingStatus.Accepted },
                new ReadingOutcome { Position = 1, Id = "r-2", Status = ReadingStatus.Rejected, Reason = "quantity must be 0 or more" },
            },
        };

        IngestResult.Parser.ParseFrom(result.ToByteArray()).ShouldBe(result);
    }

    [Fact]
    public void The_service_lives_in_the_package_the_gateway_routes_to_ingestion()
    {
        UsageIngestion.Descriptor.FullName.ShouldBe("billingone.ingestion.v1.UsageIngestion");
        UsageIngestion.Descriptor.FindMethodByName("IngestReadings").IsClientStreaming.ShouldBeTrue();
    }
}
